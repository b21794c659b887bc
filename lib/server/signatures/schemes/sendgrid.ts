import type { KeyObject } from "node:crypto";
import { concatBytes, decodeBase64, publicKeyFromText, verifyEcdsaSha256 } from "../crypto";
import type { RequestView } from "../request";
import { ageFromUnixSeconds, freshness, parseUnixSeconds, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { missingHeader } from "./body-hmac";

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
  const signature = req.header(SIGNATURE);
  if (signature === undefined) return missingHeader(SIGNATURE);
  const timestamp = req.header(TIMESTAMP);
  if (timestamp === undefined) return missingHeader(TIMESTAMP, "SendGrid signs the timestamp together with the body.");
  let key: KeyObject;
  try {
    key = sendgridKey(ctx.secret.secret);
  } catch (error) {
    return { kind: "error", header: SIGNATURE, reason: `The configured verification key cannot be used: ${(error as Error).message}.` };
  }
  const signed = concatBytes(timestamp, req.body);
  const der = decodeBase64(signature);
  const match = der !== undefined && verifyEcdsaSha256(key, signed, der);
  const seconds = parseUnixSeconds(timestamp);
  return {
    kind: "checked",
    match,
    header: SIGNATURE,
    signed,
    received: signature,
    ...(seconds !== undefined ? { freshness: freshness(ageFromUnixSeconds(req, seconds), null, "past", TIMESTAMP) } : {}),
    method: "ECDSA P-256 with SHA-256 over timestamp + raw body, DER signature in base64",
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
  validateSecret(secret) {
    try {
      sendgridKey(secret);
      return undefined;
    } catch (error) {
      return `The SendGrid verification key must be a P-256 public key in base64 (as SendGrid shows it) or PEM: ${(error as Error).message}.`;
    }
  },
};
