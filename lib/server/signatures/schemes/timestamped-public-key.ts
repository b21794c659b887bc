import { concatBytes } from "../crypto";
import type { RequestView } from "../request";
import { ageFromUnixSeconds, freshness, parseUnixSeconds, type Outcome } from "../scheme";
import { missingHeader } from "./body-hmac";

interface TimestampedPublicKey<K> {
  signatureHeader: string;
  timestampHeader: string;
  /** The provider, for "… signs the timestamp together with the body". */
  provider: string;
  /** What the owner pasted as a key; throws with the reason when it cannot be one. */
  key(): K;
  /** How the key is called in the message when it cannot be used. */
  keyName: string;
  /** The signature bytes from the header's text, or undefined when they cannot be read. */
  decode(signature: string): Uint8Array | undefined;
  verify(key: K, signed: Uint8Array, signature: Uint8Array): boolean;
  method: string;
  /** Extra hints on a mismatch, from the decoded signature. */
  mismatchHints?(decoded: Uint8Array | undefined): string[];
}

/**
 * An asymmetric signature over `timestamp + raw body` (Discord, SendGrid). Their own libraries check
 * no window, so the timestamp's age is reported without one.
 */
export function checkTimestampedPublicKey<K>(req: RequestView, scheme: TimestampedPublicKey<K>): Outcome {
  const { signatureHeader, timestampHeader } = scheme;
  const signature = req.header(signatureHeader);
  if (signature === undefined) return missingHeader(signatureHeader);
  const timestamp = req.header(timestampHeader);
  if (timestamp === undefined) return missingHeader(timestampHeader, `${scheme.provider} signs the timestamp together with the body.`);
  let key: K;
  try {
    key = scheme.key();
  } catch (error) {
    return { kind: "error", header: signatureHeader, reason: `The configured ${scheme.keyName} cannot be used: ${(error as Error).message}.` };
  }
  const signed = concatBytes(timestamp, req.body);
  const decoded = scheme.decode(signature);
  const match = decoded !== undefined && scheme.verify(key, signed, decoded);
  const seconds = parseUnixSeconds(timestamp);
  const hints = match ? [] : (scheme.mismatchHints?.(decoded) ?? []);
  return {
    kind: "checked",
    match,
    header: signatureHeader,
    signed,
    received: signature,
    ...(seconds !== undefined ? { freshness: freshness(ageFromUnixSeconds(req, seconds), null, "past", timestampHeader) } : {}),
    method: scheme.method,
    ...(hints.length ? { hints } : {}),
  };
}
