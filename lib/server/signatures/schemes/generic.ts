import { concatBytes, decodeBase64, decodeHex, utf8 } from "../crypto";
import type { RequestView } from "../request";
import {
  ALGORITHM_NAMES,
  checkHmac,
  freshness,
  hmacText,
  type KeyAlternative,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import type { GenericHmacOptions, SecretConfig, SecretEncoding } from "../../../shared/signature-types";
import { duplicateHint, missingHeader } from "./body-hmac";
import { parseRfc3339 } from "./twitch";

export const TEMPLATE_PLACEHOLDERS = ["body", "timestamp", "id", "method", "url"] as const;
const PLACEHOLDER = /\{(body|timestamp|id|method|url)\}/g;

export function keyFromSecret(secret: string, encoding: SecretEncoding): Uint8Array | undefined {
  if (encoding === "utf8") return utf8(secret);
  if (encoding === "hex") return decodeHex(secret.trim());
  const text = secret.trim();
  return decodeBase64(text.startsWith("whsec_") ? text.slice("whsec_".length) : text);
}

/** A header timestamp in seconds: Unix seconds, Unix milliseconds, or an ISO 8601 date. */
export function parseFlexibleTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    // Beyond 1e11 seconds is the year 5138: such a number is milliseconds.
    return value > 1e11 ? value / 1000 : value;
  }
  const ms = parseRfc3339(trimmed);
  return ms === undefined ? undefined : ms / 1000;
}

function options(secret: SecretConfig): GenericHmacOptions | undefined {
  return secret.options;
}

/** The bytes the template describes, for this request. */
function fillTemplate(template: string, req: RequestView, timestamp: string, id: string): Uint8Array {
  const values: Record<string, Uint8Array | string> = { body: req.body, timestamp, id, method: req.method, url: req.url };
  const parts: (Uint8Array | string)[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index), values[match[1]!]!);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return concatBytes(...parts);
}

/** A timestamp now, in the form the captured one had: ISO 8601, milliseconds, or seconds (the default). */
function timestampLike(previous: string | undefined, now: number): string {
  const trimmed = previous?.trim() ?? "";
  if (trimmed !== "" && !/^\d+(\.\d+)?$/.test(trimmed)) return new Date(now).toISOString();
  return trimmed !== "" && Number(trimmed) > 1e11 ? String(now) : String(Math.floor(now / 1000));
}

function resign({ req, secret, now, newId }: ResignInput): ResignOutcome {
  const opts = options(secret);
  if (!opts) return { kind: "refused", reason: "The generic HMAC secret has no options: at least the signature header is needed." };
  const uses = new Set([...opts.template.matchAll(PLACEHOLDER)].map((match) => match[1]!));
  const set: [string, string][] = [];
  let timestamp = "";
  let id = "";
  if (uses.has("timestamp")) {
    if (!opts.timestampHeader) return { kind: "refused", reason: "The template uses {timestamp} but no timestamp header is configured." };
    timestamp = timestampLike(req.header(opts.timestampHeader), now);
    set.push([opts.timestampHeader, timestamp]);
  }
  if (uses.has("id")) {
    if (!opts.idHeader) return { kind: "refused", reason: "The template uses {id} but no id header is configured." };
    id = newId();
    set.push([opts.idHeader, id]);
  }
  const key = keyFromSecret(secret.secret, opts.secretEncoding);
  if (!key || key.length === 0) return { kind: "refused", reason: `The secret is not valid ${opts.secretEncoding}, which the configuration says it is.` };
  set.push([opts.header, hmacText(opts.algorithm, key, fillTemplate(opts.template, req, timestamp, id), opts.encoding, opts.prefix)]);
  return { kind: "signed", set };
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const opts = options(ctx.secret);
  if (!opts) return { kind: "error", reason: "The generic HMAC scheme has no options: at least the signature header is needed." };
  const value = req.header(opts.header);
  if (value === undefined) return missingHeader(opts.header);
  const uses = new Set([...opts.template.matchAll(PLACEHOLDER)].map((match) => match[1]!));
  let timestamp: string | undefined;
  let id: string | undefined;
  if (uses.has("timestamp")) {
    if (!opts.timestampHeader) return { kind: "error", reason: "The template uses {timestamp} but no timestamp header is configured." };
    timestamp = req.header(opts.timestampHeader);
    if (timestamp === undefined) return missingHeader(opts.timestampHeader, "The template signs it.");
  }
  if (uses.has("id")) {
    if (!opts.idHeader) return { kind: "error", reason: "The template uses {id} but no id header is configured." };
    id = req.header(opts.idHeader);
    if (id === undefined) return missingHeader(opts.idHeader, "The template signs it.");
  }
  const key = ctx.key ?? keyFromSecret(ctx.secret.secret, opts.secretEncoding);
  if (!key || key.length === 0) {
    return {
      kind: "error",
      header: opts.header,
      reason: `The secret is not valid ${opts.secretEncoding}, which the configuration says it is.`,
      keyProblem: true,
    };
  }
  const signed = fillTemplate(opts.template, req, timestamp ?? "", id ?? "");
  const seconds = timestamp !== undefined ? parseFlexibleTimestamp(timestamp) : undefined;
  if (timestamp !== undefined && seconds === undefined && opts.toleranceSeconds) {
    return { kind: "error", header: opts.timestampHeader!, reason: `${opts.timestampHeader} is not a timestamp that can be read.` };
  }
  return checkHmac({
    key,
    algorithm: opts.algorithm,
    encoding: opts.encoding,
    prefix: opts.prefix,
    header: opts.header,
    received: [value],
    signed: [signed],
    ...(seconds !== undefined
      ? {
          freshness: freshness(req.receivedAt / 1000 - seconds, opts.toleranceSeconds ?? null, "both", opts.timestampHeader ?? "timestamp"),
        }
      : {}),
    describe: `HMAC-${ALGORITHM_NAMES[opts.algorithm]} of ${JSON.stringify(opts.template)}, ${opts.encoding}${opts.prefix ? `, prefixed ${JSON.stringify(opts.prefix)}` : ""}`,
    hints: duplicateHint(req, opts.header),
  });
}

const ENCODING_WORDS: Record<SecretEncoding, string> = { utf8: "text as-is (utf8)", base64: "base64", hex: "hex" };

/** The other secret encodings that decode, so a wrong secretEncoding can be named. */
function alternatives(secret: SecretConfig): KeyAlternative[] {
  const configured = secret.options?.secretEncoding ?? "utf8";
  const out: KeyAlternative[] = [];
  for (const encoding of ["utf8", "base64", "hex"] as const) {
    if (encoding === configured) continue;
    const key = keyFromSecret(secret.secret, encoding);
    if (!key || key.length === 0) continue;
    const whsec = encoding === "utf8" && secret.secret.startsWith("whsec_") ? " The secret looks like a whsec_ key used as raw text." : "";
    out.push({
      key,
      hint: `The signature matches when the secret is read as ${ENCODING_WORDS[encoding]}: set secretEncoding to ${encoding}.${whsec}`,
    });
  }
  return out;
}

export const genericHmac: SchemeModule = {
  id: "generic-hmac",
  name: "Generic HMAC",
  secret: { label: "Shared secret", example: "any secret; say how it is encoded in the options", kind: "shared-secret" },
  headers: [],
  signatureHeaders: [],
  present: (req, secret) => {
    const opts = secret && options(secret);
    return opts ? req.has(opts.header) : false;
  },
  check,
  keyAlternatives: alternatives,
  resign,
};
