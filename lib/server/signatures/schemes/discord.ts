import { concatBytes, decodeHex, ed25519PublicKey, verifyEd25519 } from "../crypto";
import type { RequestView } from "../request";
import { ageFromUnixSeconds, freshness, parseUnixSeconds, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { missingHeader } from "./body-hmac";

const SIGNATURE = "X-Signature-Ed25519";
const TIMESTAMP = "X-Signature-Timestamp";

function publicKey(secret: string) {
  const raw = decodeHex(secret.trim());
  if (!raw || raw.length !== 32) throw new Error("the application public key is 64 hex characters");
  return ed25519PublicKey(raw);
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(SIGNATURE);
  if (signature === undefined) return missingHeader(SIGNATURE);
  const timestamp = req.header(TIMESTAMP);
  if (timestamp === undefined) return missingHeader(TIMESTAMP, "Discord signs the timestamp together with the body.");
  let key;
  try {
    key = publicKey(ctx.secret.secret);
  } catch (error) {
    return { kind: "error", header: SIGNATURE, reason: `The configured key cannot be used: ${(error as Error).message}.` };
  }
  const signed = concatBytes(timestamp, req.body);
  const bytes = decodeHex(signature);
  const match = bytes !== undefined && verifyEd25519(key, signed, bytes);
  const seconds = parseUnixSeconds(timestamp);
  return {
    kind: "checked",
    match,
    header: SIGNATURE,
    signed,
    received: signature,
    // Discord's library checks no window; the age is only reported.
    ...(seconds !== undefined ? { freshness: freshness(ageFromUnixSeconds(req, seconds), null, "past", TIMESTAMP) } : {}),
    method: "Ed25519 over timestamp + raw body, signature in hex",
    ...(match
      ? {}
      : {
          hints: [
            "Discord deliberately sends badly signed requests when an Interactions Endpoint URL is saved, and expects them to be refused with 401.",
            ...(bytes === undefined || bytes.length !== 64 ? [`${SIGNATURE} is not 128 hex characters.`] : []),
          ],
        }),
  };
}

export const discord: SchemeModule = {
  id: "discord",
  name: "Discord interactions",
  secret: { label: "Application public key", example: "64 hex characters from General Information", kind: "public-key" },
  headers: [SIGNATURE, TIMESTAMP],
  signatureHeaders: [SIGNATURE],
  present: (req) => req.has(SIGNATURE),
  check,
  validateSecret(secret) {
    try {
      publicKey(secret);
      return undefined;
    } catch {
      return "A Discord application public key is 64 hex characters (32 bytes).";
    }
  },
};
