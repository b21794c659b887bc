import { decodeHex, ed25519PublicKey, verifyEd25519 } from "../crypto";
import type { RequestView } from "../request";
import type { Outcome, SchemeContext, SchemeModule } from "../scheme";
import { checkTimestampedPublicKey } from "./timestamped-public-key";

const SIGNATURE = "X-Signature-Ed25519";
const TIMESTAMP = "X-Signature-Timestamp";

function publicKey(secret: string) {
  const raw = decodeHex(secret.trim());
  if (!raw || raw.length !== 32) throw new Error("the application public key is 64 hex characters");
  return ed25519PublicKey(raw);
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  return checkTimestampedPublicKey(req, {
    signatureHeader: SIGNATURE,
    timestampHeader: TIMESTAMP,
    provider: "Discord",
    key: () => publicKey(ctx.secret.secret),
    keyName: "key",
    decode: decodeHex,
    verify: verifyEd25519,
    method: "Ed25519 over timestamp + raw body, signature in hex",
    mismatchHints: (bytes) => [
      "Discord deliberately sends badly signed requests when an Interactions Endpoint URL is saved, and expects them to be refused with 401.",
      ...(bytes === undefined || bytes.length !== 64 ? [`${SIGNATURE} is not 128 hex characters.`] : []),
    ],
  });
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
