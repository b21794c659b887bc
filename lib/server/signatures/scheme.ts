import { algorithmForLength, decodeBase64, decodeHex, decodeSignature, encode, hmac, safeEqual, utf8 } from "./crypto";
import type { RequestView } from "./request";
import type { HmacAlgorithm, SchemeId, SecretConfig, SignatureEncoding } from "../../shared/signature-types";

/** Whether a signed timestamp is recent enough, measured against the capture time. */
export interface Freshness {
  /** Positive when the timestamp is in the past. */
  ageSeconds: number;
  /** null when the scheme enforces no window (the age is still reported). */
  toleranceSeconds: number | null;
  /** "past": only too-old is rejected (the provider's verifier ignores clock skew ahead). */
  direction: "past" | "both";
  ok: boolean;
  /** Where the timestamp came from, for the reason text. */
  source: string;
}

export type Outcome =
  /** Something needed for the check is missing or unreadable: the request cannot be valid. */
  | {
      kind: "error";
      reason: string;
      header?: string;
      hints?: string[];
      /** The secret itself could not be used, so other readings of it are worth trying. */
      keyProblem?: boolean;
    }
  | {
      kind: "checked";
      match: boolean;
      /** Where the signature was read from. */
      header: string;
      signed: Uint8Array;
      /** Our signature in the header's format; absent for public-key schemes. */
      expected?: string;
      received: string;
      freshness?: Freshness;
      /** How the check was made, in a few words: "HMAC-SHA256 of t.body, hex". */
      method: string;
      hints?: string[];
      /** On a mismatch, the cause when it could be pinned down (right digest, wrong encoding…). */
      diagnosis?: string;
      /** A fact the reader must know even when the check passes. */
      note?: string;
    };

export interface SchemeContext {
  secret: SecretConfig;
  /** Replaces the key derived from the secret, to test another reading of the same secret. */
  key?: Uint8Array;
}

export interface KeyAlternative {
  key: Uint8Array;
  hint: string;
}

export interface SecretInfo {
  label: string;
  example: string;
  kind: "shared-secret" | "token" | "public-key";
}

export interface SchemeModule {
  id: SchemeId;
  name: string;
  secret: SecretInfo;
  /** Every header the scheme reads, in the spelling its provider documents. */
  headers: readonly string[];
  /** The headers whose presence means "signed this way", preferred first. */
  signatureHeaders: readonly string[];
  /** The timestamp window in words, or undefined when the scheme has none. */
  window?: string;
  /** True when the request carries this scheme's signature at all. */
  present(req: RequestView, secret?: SecretConfig): boolean;
  /** How sure detection is when present (0..100); 100 when the header is unique to the provider. */
  score?(req: RequestView): number;
  check(req: RequestView, ctx: SchemeContext): Outcome;
  /** Other plausible readings of the secret, tried only to explain a failure. */
  keyAlternatives?(secret: SecretConfig): KeyAlternative[];
  /** The signed bytes include the URL, so a proxy that changes it breaks the signature. */
  signsUrl?: boolean;
  /** A message when the secret cannot be right for this scheme, for input validation. */
  validateSecret?(secret: string): string | undefined;
  /**
   * Signs the request again as the provider would now: fresh timestamp, fresh id where the id is
   * signed. Required, so a new scheme cannot ship without saying how (or why not) to re-sign.
   */
  resign(input: ResignInput): ResignOutcome;
}

/** A request about to be delivered again, for a scheme to sign. */
export interface ResignInput {
  /** The request as it will be sent: its URL is the one the receiver sees (URL-signing schemes sign it). */
  req: RequestView;
  secret: SecretConfig;
  /** The signing time in ms since the epoch. */
  now: number;
  /** A fresh message id, for schemes that sign one. */
  newId(): string;
  /** The owner's private key for a public-key scheme, given for this delivery only and never stored. */
  privateKey?: string | undefined;
}

export type ResignOutcome =
  | {
      kind: "signed";
      /** Headers to set (replacing any of the same name) in this order. */
      set: [string, string][];
      /** The body, when the scheme signs a value inside it (Linear's webhookTimestamp, Mailgun's block). */
      body?: Uint8Array;
      /** The URL, when the scheme signs a value in it (Twilio's bodySHA256). */
      url?: string;
      /** What else changed, in words. */
      note?: string;
    }
  | { kind: "refused"; reason: string };

/** An HMAC in a header's format: prefix then encoded digest. */
export function hmacText(algorithm: HmacAlgorithm, key: Uint8Array, data: Uint8Array, encoding: SignatureEncoding, prefix = ""): string {
  return prefix + encode(hmac(algorithm, key, data), encoding);
}

/** The refusal for a public-key scheme when the owner gave no private key. */
export function needsPrivateKey(name: string, what: string): ResignOutcome {
  return {
    kind: "refused",
    reason: `${name} signs with a private key that only the provider holds; Hookscope can re-sign only with a private key you supply (${what}) whose public half is the configured key.`,
  };
}

export const ALGORITHM_NAMES: Record<HmacAlgorithm, string> = { sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" };

export function toleranceOf(secret: SecretConfig, fallback: number | null): number | null {
  if (secret.toleranceSeconds === undefined) return fallback;
  return secret.toleranceSeconds === 0 ? null : secret.toleranceSeconds;
}

export function freshness(ageSeconds: number, toleranceSeconds: number | null, direction: "past" | "both", source: string): Freshness {
  const ok = toleranceSeconds === null || (direction === "past" ? ageSeconds <= toleranceSeconds : Math.abs(ageSeconds) <= toleranceSeconds);
  return { ageSeconds, toleranceSeconds, direction, ok, source };
}

/** Whole seconds since the epoch from a header value, as the SDKs parse it (parseInt semantics). */
export function parseUnixSeconds(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*-?\d+/.test(text)) return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Age in whole seconds the way second-based SDKs compute it: floor(now) - t. */
export function ageFromUnixSeconds(req: RequestView, timestamp: number): number {
  return Math.floor(req.receivedAt / 1000) - timestamp;
}

export function secretKey(ctx: SchemeContext): Uint8Array {
  return ctx.key ?? utf8(ctx.secret.secret);
}

export interface HmacCheck {
  key: Uint8Array;
  algorithm: HmacAlgorithm;
  encoding: SignatureEncoding;
  /** Text the provider puts before the encoded digest, compared as part of the signature. */
  prefix?: string;
  header: string;
  /** Every signature the request offers (full header-format strings); any one may match. */
  received: string[];
  /** Every acceptable signed form (e.g. URL variants); the first is shown when none matches. */
  signed: Uint8Array[];
  freshness?: Freshness;
  describe: string;
  note?: string;
  hints?: string[];
}

/**
 * The common core of HMAC schemes. Signatures are compared as the providers' verifiers compare
 * them: the encoded text, prefix included, so an upper-case hex digest fails here as it fails there.
 */
export function checkHmac(spec: HmacCheck): Outcome {
  const prefix = spec.prefix ?? "";
  let firstExpected: string | undefined;
  for (const signed of spec.signed) {
    const digest = hmac(spec.algorithm, spec.key, signed);
    const expected = prefix + encode(digest, spec.encoding);
    firstExpected ??= expected;
    if (spec.received.some((candidate) => safeEqual(candidate, expected))) {
      return {
        kind: "checked",
        match: true,
        header: spec.header,
        signed,
        expected,
        received: spec.received.join(" "),
        ...(spec.freshness ? { freshness: spec.freshness } : {}),
        method: spec.describe,
        ...(spec.note ? { note: spec.note } : {}),
      };
    }
  }
  const digest = hmac(spec.algorithm, spec.key, spec.signed[0] ?? new Uint8Array());
  const diagnosis = diagnoseMismatch(spec, digest);
  const hints = spec.hints ?? [];
  return {
    kind: "checked",
    match: false,
    header: spec.header,
    signed: spec.signed[0] ?? new Uint8Array(),
    expected: firstExpected ?? "",
    received: spec.received.join(" "),
    ...(spec.freshness ? { freshness: spec.freshness } : {}),
    method: spec.describe,
    ...(hints.length ? { hints } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    ...(spec.note ? { note: spec.note } : {}),
  };
}

/** Explains a mismatch caused by the right digest in the wrong clothes: other encoding, other prefix, other hash. */
function diagnoseMismatch(spec: HmacCheck, digest: Buffer): string | undefined {
  const prefix = spec.prefix ?? "";
  const other: SignatureEncoding = spec.encoding === "hex" ? "base64" : "hex";
  const expectedLead = prefix ? JSON.stringify(prefix) : "nothing";
  for (const candidate of spec.received) {
    const viaPrefix = candidate.startsWith(prefix) ? candidate.slice(prefix.length) : undefined;
    const viaGuess = stripAnyPrefix(candidate);
    const forms = viaGuess === viaPrefix ? [viaPrefix] : [viaPrefix, viaGuess];
    for (const bare of forms) {
      if (bare === undefined) continue;
      const wrongPrefix = bare !== viaPrefix;
      const lead = candidate.slice(0, candidate.length - bare.length);
      const leadNote = wrongPrefix ? ` It is also preceded by ${JSON.stringify(lead)} where this scheme expects ${expectedLead}.` : "";
      if (decodeSignature(bare, other)?.equals(digest)) {
        return `The signature matches when read as ${other}, but this scheme expects ${spec.encoding}: the sender encodes the digest differently.${leadNote}`;
      }
      if (decodeSignature(bare, spec.encoding)?.equals(digest)) {
        return wrongPrefix
          ? `The digest is right but it is preceded by ${JSON.stringify(lead)} where this scheme expects ${expectedLead}.`
          : "The digest is right but written differently (letter case, or base64 alphabet or padding); the provider's verifier compares the text exactly.";
      }
      const decoded = decodeSignature(bare, spec.encoding) ?? decodeHex(bare) ?? decodeBase64(bare);
      const algorithm = decoded && decoded.length !== digest.length ? algorithmForLength(decoded.length) : undefined;
      if (algorithm && algorithm !== spec.algorithm) {
        return `The received signature is ${decoded!.length} bytes long, the size of a ${ALGORITHM_NAMES[algorithm]} digest, but this scheme uses ${ALGORITHM_NAMES[spec.algorithm]}.`;
      }
    }
  }
  return undefined;
}

function stripAnyPrefix(value: string): string {
  const match = /^[A-Za-z0-9_-]{1,12}[=,:]/.exec(value);
  return match ? value.slice(match[0].length) : value;
}

/** Readings of a secret that people commonly confuse, for schemes that use the text as the key. */
export function rawSecretAlternatives(secret: SecretConfig, name: string): KeyAlternative[] {
  const out: KeyAlternative[] = [];
  const text = secret.secret;
  if (text !== text.trim()) {
    out.push({
      key: utf8(text.trim()),
      hint: "The signature matches once the spaces or line breaks around the secret are removed: the configured secret has extra whitespace.",
    });
  }
  if (text.startsWith("whsec_")) {
    const decoded = decodeBase64(text.slice("whsec_".length));
    if (decoded && decoded.length > 0) {
      out.push({
        key: decoded,
        hint: `The signature matches when the whsec_ secret is base64-decoded (the Standard Webhooks reading), but ${name} uses the secret text as-is: the sender and this configuration read the key differently.`,
      });
    }
  }
  return out;
}
