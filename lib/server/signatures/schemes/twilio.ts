import { parse as parseQuery, stringify as stringifyQuery } from "node:querystring";
import { encode, safeEqual, sha256, utf8 } from "../crypto";
import type { RequestView } from "../request";
import {
  checkHmac,
  hmacText,
  rawSecretAlternatives,
  secretKey,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const HEADER = "X-Twilio-Signature";

interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: string;
  rest: string;
}

/** Splits without normalising: new URL() would re-encode characters (' → %27) that Twilio signed raw. */
function splitUrl(url: string): UrlParts | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const authority = match[2]!;
  const at = authority.lastIndexOf("@");
  const hostAndPort = authority.slice(at + 1);
  const colon = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  return {
    scheme: match[1]!,
    userInfo: authority.slice(0, at + 1),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? "" : hostAndPort.slice(colon),
    rest: url.slice(match[0].length),
  };
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === "https://" ? ":443" : ":80";
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withLegacyQuerystring(url: string): string {
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringifyQuery(parseQuery(url.slice(start + 1)))}`;
}

/**
 * The URL forms twilio-node accepts, in its order: as received with and without the default port,
 * then as normalised by new URL() with and without it and with the legacy querystring encoding.
 */
export function twilioUrlCandidates(url: string): string[] {
  const out = [withoutPort(url), withDefaultPort(url)];
  try {
    const normalized = new URL(url).toString();
    const bare = withoutPort(normalized);
    const ported = withDefaultPort(normalized);
    out.push(bare, ported, withLegacyQuerystring(bare), withLegacyQuerystring(ported));
  } catch {
    // Not an absolute URL: only the literal forms can match.
  }
  return [...new Set(out)];
}

/** Form parameters as Twilio signs them: names sorted, each value appended after its name, repeats deduplicated and sorted. */
export function twilioParamString(params: URLSearchParams | undefined): string {
  if (!params) return "";
  const grouped = new Map<string, string[]>();
  for (const [name, value] of params) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  let out = "";
  for (const name of [...grouped.keys()].sort()) {
    const values = grouped.get(name)!;
    const list = values.length > 1 ? [...new Set(values)].sort() : values;
    for (const value of list) out += name + value;
  }
  return out;
}

function bodySha256Param(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get("bodySHA256") ?? undefined;
  } catch {
    return undefined;
  }
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(HEADER);
  if (signature === undefined) return missingHeader(HEADER);
  const urlHint = `Twilio signs the exact URL it called (${req.url}); behind a proxy, check that scheme, host, port, path and query were captured as Twilio sent them.`;
  // Requests with a JSON body carry the body's hash in the signed URL instead of form parameters.
  const jsonBody = req.url.includes("bodySHA256");
  const params = jsonBody ? "" : twilioParamString(req.form());
  const outcome = checkHmac({
    key: secretKey(ctx),
    algorithm: "sha1",
    encoding: "base64",
    header: HEADER,
    received: [signature],
    signed: twilioUrlCandidates(req.url).map((url) => utf8(url + params)),
    describe: jsonBody
      ? "HMAC-SHA1 of the full URL (carrying bodySHA256), base64"
      : "HMAC-SHA1 of the full URL followed by each form parameter's name and value in name order, base64",
    hints: [...duplicateHint(req, HEADER), urlHint],
  });
  if (!jsonBody || outcome.kind !== "checked" || !outcome.match) return outcome;
  const claimed = bodySha256Param(req.url) ?? "";
  const actual = encode(sha256(req.body), "hex");
  if (safeEqual(claimed, actual)) {
    return { ...outcome, method: `${outcome.method}; the body's SHA-256 matches bodySHA256` };
  }
  return {
    kind: "checked",
    match: false,
    header: "bodySHA256 (query of the signed URL)",
    signed: req.body,
    expected: actual,
    received: claimed,
    method: "SHA-256 of the raw body, hex, against bodySHA256 in the signed URL",
    hints: ["The URL signature is right, but the body does not hash to the bodySHA256 the URL carries: the body was changed after signing."],
  };
}

/** The URL with bodySHA256 set to the body's hash, edited as text so nothing else in it is re-encoded. */
function withBodyHash(url: string, body: Uint8Array): string {
  const hash = encode(sha256(body), "hex");
  if (/[?&]bodySHA256=[^&#]*/.test(url)) return url.replace(/([?&]bodySHA256=)[^&#]*/, `$1${hash}`);
  const hashAt = url.indexOf("#");
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  return `${base}${base.includes("?") ? "&" : "?"}bodySHA256=${hash}`;
}

/** Twilio has no timestamp: re-signing is signing the URL the receiver will see (and form fields, or the body's hash). */
function resign({ req, secret }: ResignInput): ResignOutcome {
  const key = secretKey({ secret });
  const form = req.form();
  if (form) return { kind: "signed", set: [[HEADER, hmacText("sha1", key, utf8(req.url + twilioParamString(form)), "base64")]] };
  const url = withBodyHash(req.url, req.body);
  return {
    kind: "signed",
    set: [[HEADER, hmacText("sha1", key, utf8(url), "base64")]],
    ...(url === req.url ? {} : { url, note: "bodySHA256 in the URL set to the body's hash" }),
  };
}

export const twilio: SchemeModule = {
  id: "twilio",
  name: "Twilio",
  secret: { label: "Auth token", example: "32 hex characters from the Console", kind: "shared-secret" },
  headers: [HEADER],
  signatureHeaders: [HEADER],
  present: (req) => req.has(HEADER),
  check,
  signsUrl: true,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Twilio"),
  resign,
};
