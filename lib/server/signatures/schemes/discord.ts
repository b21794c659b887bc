import { sign } from "node:crypto";
import { concatBytes, decodeHex, ed25519PrivateKey, ed25519PublicKey, privateKeyFromText, samePublicKey, verifyEd25519 } from "../crypto";
import type { RequestView } from "../request";
import { needsPrivateKey, type Outcome, type ResignInput, type ResignOutcome, type SchemeContext, type SchemeModule } from "../scheme";
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

/** The owner's own Ed25519 key (hex seed or PEM) standing in for Discord's, checked against the configured public key. */
function resign({ req, secret, now, privateKey }: ResignInput): ResignOutcome {
  if (!privateKey) return needsPrivateKey("Discord", "an Ed25519 private key: 64 hex characters of seed, or PEM");
  let key;
  try {
    const hex = decodeHex(privateKey.trim());
    key = hex ? ed25519PrivateKey(hex) : privateKeyFromText(privateKey);
    if (!samePublicKey(key, publicKey(secret.secret))) {
      return { kind: "refused", reason: "The private key given is not the pair of the configured Discord public key." };
    }
  } catch (error) {
    return { kind: "refused", reason: `The Discord private key cannot be used: ${(error as Error).message}.` };
  }
  const timestamp = String(Math.floor(now / 1000));
  const signature = sign(null, concatBytes(timestamp, req.body), key).toString("hex");
  return {
    kind: "signed",
    set: [
      [TIMESTAMP, timestamp],
      [SIGNATURE, signature],
    ],
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
  resign,
  validateSecret(secret) {
    try {
      publicKey(secret);
      return undefined;
    } catch {
      return "A Discord application public key is 64 hex characters (32 bytes).";
    }
  },
};
