import { sign, type KeyObject } from "node:crypto";
import { concatBytes, decodeBase64, privateKeyFromText, publicKeyFromText, samePublicKey, verifyEcdsaSha256 } from "../crypto";
import type { RequestView } from "../request";
import { needsPrivateKey, type Outcome, type ResignInput, type ResignOutcome, type SchemeContext, type SchemeModule } from "../scheme";
import { checkTimestampedPublicKey } from "./timestamped-public-key";

const SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
const TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

/** SendGrid shows the verification key as base64 DER without PEM armour; both forms are accepted. */
export function sendgridKey(secret: string): KeyObject {
  const key = publicKeyFromText(secret);
  if (key.asymmetricKeyType !== "ec") throw new Error("the key is not an elliptic-curve key");
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve && curve !== "prime256v1") throw new Error(`the key is on ${curve}, not P-256`);
  return key;
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  return checkTimestampedPublicKey(req, {
    signatureHeader: SIGNATURE,
    timestampHeader: TIMESTAMP,
    provider: "SendGrid",
    key: () => sendgridKey(ctx.secret.secret),
    keyName: "verification key",
    decode: decodeBase64,
    verify: verifyEcdsaSha256,
    method: "ECDSA P-256 with SHA-256 over timestamp + raw body, DER signature in base64",
  });
}

function resign({ req, secret, now, privateKey }: ResignInput): ResignOutcome {
  if (!privateKey) return needsPrivateKey("SendGrid", "a P-256 private key in PEM or base64 PKCS#8");
  let key: KeyObject;
  try {
    key = privateKeyFromText(privateKey);
    if (!samePublicKey(key, sendgridKey(secret.secret))) {
      return { kind: "refused", reason: "The private key given is not the pair of the configured SendGrid verification key." };
    }
  } catch (error) {
    return { kind: "refused", reason: `The SendGrid private key cannot be used: ${(error as Error).message}.` };
  }
  const timestamp = String(Math.floor(now / 1000));
  const signature = sign("sha256", concatBytes(timestamp, req.body), { key, dsaEncoding: "der" }).toString("base64");
  return {
    kind: "signed",
    set: [
      [TIMESTAMP, timestamp],
      [SIGNATURE, signature],
    ],
  };
}

export const sendgrid: SchemeModule = {
  id: "sendgrid",
  name: "SendGrid Event Webhook",
  secret: {
    label: "Verification key (public)",
    example: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE… (base64, or PEM)",
    kind: "public-key",
  },
  headers: [SIGNATURE, TIMESTAMP],
  signatureHeaders: [SIGNATURE],
  present: (req) => req.has(SIGNATURE),
  check,
  resign,
  validateSecret(secret) {
    try {
      sendgridKey(secret);
      return undefined;
    } catch (error) {
      return `The SendGrid verification key must be a P-256 public key in base64 (as SendGrid shows it) or PEM: ${(error as Error).message}.`;
    }
  },
};
