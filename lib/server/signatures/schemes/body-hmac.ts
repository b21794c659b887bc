import type { RequestView } from "../request";
import {
  ALGORITHM_NAMES,
  checkHmac,
  hmacText,
  rawSecretAlternatives,
  secretKey,
  type Outcome,
  type SchemeContext,
  type SchemeModule,
  type SecretInfo,
} from "../scheme";
import type { HmacAlgorithm, SchemeId, SignatureEncoding } from "../../../shared/signature-types";

export interface BodyHmacDefinition {
  id: SchemeId;
  name: string;
  secret: SecretInfo;
  /** Signature headers, preferred first; the first one present is read. */
  signatureHeaders: readonly string[];
  /** Headers read only for detection or information. */
  otherHeaders?: readonly string[];
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  prefix?: string;
  score?: (req: RequestView) => number;
  /** Turns the configured secret into the key, when the provider transforms it first. */
  key?: (secret: string) => Uint8Array;
  /** Said on a mismatch, when the provider has a known trap. */
  mismatchHints?: (req: RequestView) => string[];
  note?: string;
}

/** Providers that sign exactly the raw body with one HMAC and put it in one header. */
export function bodyHmacScheme(def: BodyHmacDefinition): SchemeModule {
  const encodingWords = def.prefix ? `${def.encoding}, prefixed "${def.prefix}"` : def.encoding;
  return {
    id: def.id,
    name: def.name,
    secret: def.secret,
    headers: [...def.signatureHeaders, ...(def.otherHeaders ?? [])],
    signatureHeaders: def.signatureHeaders,
    present: (req) => def.signatureHeaders.some((name) => req.has(name)),
    ...(def.score ? { score: def.score } : {}),
    signsUrl: false,
    keyAlternatives: (secret) => rawSecretAlternatives(secret, def.name),
    resign({ req, secret }) {
      // Keep the header spelling the request used (Shopify has two), the preferred one otherwise.
      const header = def.signatureHeaders.find((name) => req.has(name)) ?? def.signatureHeaders[0]!;
      const key = def.key ? def.key(secret.secret) : secretKey({ secret });
      return { kind: "signed", set: [[header, hmacText(def.algorithm, key, req.body, def.encoding, def.prefix)]] };
    },
    check(req: RequestView, ctx: SchemeContext): Outcome {
      const header = def.signatureHeaders.find((name) => req.has(name));
      if (!header) return missingHeader(def.signatureHeaders[0]!);
      const value = req.header(header)!;
      const key = ctx.key ?? (def.key ? def.key(ctx.secret.secret) : secretKey(ctx));
      return checkHmac({
        key,
        algorithm: def.algorithm,
        encoding: def.encoding,
        ...(def.prefix ? { prefix: def.prefix } : {}),
        header,
        received: [value],
        signed: [req.body],
        describe: `HMAC-${ALGORITHM_NAMES[def.algorithm]} of the raw body, ${encodingWords}`,
        hints: [...duplicateHint(req, header), ...(def.mismatchHints?.(req) ?? [])],
        ...(def.note ? { note: def.note } : {}),
      });
    },
  };
}

export function missingHeader(name: string, extra = ""): Outcome {
  return { kind: "error", header: name, reason: `The ${name} header is missing.${extra ? ` ${extra}` : ""}` };
}

export function duplicateHint(req: RequestView, header: string): string[] {
  const count = req.headerCount(header);
  return count > 1 ? [`The ${header} header appears ${count} times; the first one was used.`] : [];
}
