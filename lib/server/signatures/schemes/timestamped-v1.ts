import { concatBytes, utf8 } from "../crypto";
import type { RequestView } from "../request";
import {
  ageFromUnixSeconds,
  checkHmac,
  freshness,
  hmacText,
  rawSecretAlternatives,
  secretKey,
  toleranceOf,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

/**
 * "t=<unix>,v1=<hex>[,v1=…]" headers (Stripe, and Calendly which copied it). Parsed the way
 * stripe-node does: split on "," then "=", every v1 collected, other schemes (v0) ignored.
 */
export function parseTimestampedHeader(value: string): { timestamp: number | undefined; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of value.split(",")) {
    const [key, val] = item.split("=");
    if (key === "t" && val !== undefined) {
      const parsed = Number.parseInt(val, 10);
      timestamp = Number.isSafeInteger(parsed) ? parsed : undefined;
    }
    if (key === "v1" && val !== undefined) signatures.push(val);
  }
  return { timestamp, signatures };
}

function timestampedCheck(name: string, header: string, defaultTolerance: number) {
  return (req: RequestView, ctx: SchemeContext): Outcome => {
    const value = req.header(header);
    if (value === undefined) return missingHeader(header);
    const { timestamp, signatures } = parseTimestampedHeader(value);
    if (timestamp === undefined) {
      return { kind: "error", header, reason: `${header} has no readable timestamp (t=…), so the signature cannot be checked.` };
    }
    if (signatures.length === 0) {
      return {
        kind: "error",
        header,
        reason: `${header} has no v1= signature (v0 and other schemes are ignored by ${name}'s verifier).`,
      };
    }
    return checkHmac({
      key: secretKey(ctx),
      algorithm: "sha256",
      encoding: "hex",
      header,
      received: signatures,
      signed: [concatBytes(`${timestamp}.`, req.body)],
      freshness: freshness(ageFromUnixSeconds(req, timestamp), toleranceOf(ctx.secret, defaultTolerance), "past", `t= in ${header}`),
      describe: 'HMAC-SHA256 of t + "." + raw body, hex (any v1 entry may match)',
      hints: duplicateHint(req, header),
    });
  };
}

function timestampedResign(header: string) {
  return ({ req, secret, now }: ResignInput): ResignOutcome => {
    const t = Math.floor(now / 1000);
    const v1 = hmacText("sha256", secretKey({ secret }), concatBytes(`${t}.`, req.body), "hex");
    return { kind: "signed", set: [[header, `t=${t},v1=${v1}`]] };
  };
}

export const stripe: SchemeModule = {
  id: "stripe",
  name: "Stripe",
  secret: { label: "Endpoint signing secret", example: "whsec_…", kind: "shared-secret" },
  headers: ["Stripe-Signature"],
  signatureHeaders: ["Stripe-Signature"],
  window: "300 s; only too-old timestamps are rejected",
  present: (req) => req.has("Stripe-Signature"),
  check: timestampedCheck("Stripe", "Stripe-Signature", 300),
  resign: timestampedResign("Stripe-Signature"),
  keyAlternatives(secret) {
    const out = rawSecretAlternatives(secret, "Stripe");
    if (!secret.secret.startsWith("whsec_")) {
      out.push({
        key: utf8(`whsec_${secret.secret.trim()}`),
        hint: "The signature matches when whsec_ is put in front of the secret: Stripe's key is the whole whsec_… string, prefix included.",
      });
    }
    return out;
  },
};

export const calendly: SchemeModule = {
  id: "calendly",
  name: "Calendly",
  secret: { label: "Webhook signing key", example: "the signing_key given when the subscription was created", kind: "shared-secret" },
  headers: ["Calendly-Webhook-Signature"],
  signatureHeaders: ["Calendly-Webhook-Signature"],
  window: "180 s (Calendly's sample code); only too-old timestamps are rejected",
  present: (req) => req.has("Calendly-Webhook-Signature"),
  check: timestampedCheck("Calendly", "Calendly-Webhook-Signature", 180),
  resign: timestampedResign("Calendly-Webhook-Signature"),
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Calendly"),
};
