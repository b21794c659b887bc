import { sign, type KeyObject } from "node:crypto";
import { concatBytes, decodeBase64, decodeBase64Strict, ed25519PrivateKey, ed25519PublicKey, samePublicKey, utf8, verifyEd25519 } from "../crypto";
import { field, type RequestView } from "../request";
import {
  ageFromUnixSeconds,
  checkHmac,
  freshness,
  hmacText,
  needsPrivateKey,
  parseUnixSeconds,
  toleranceOf,
  type KeyAlternative,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import type { SchemeId, SecretConfig } from "../../../shared/signature-types";
import { duplicateHint } from "./body-hmac";

// Standard Webhooks and the Svix-based providers (Svix, Clerk, Resend) share one algorithm; they
// differ in header prefix (webhook-* vs svix-*) and in which payloads identify them. Svix's SDK reads
// either prefix, so all four do here, preferring their own.

type Prefix = "webhook" | "svix";

type Key = { kind: "hmac"; key: Uint8Array } | { kind: "ed25519"; key: KeyObject } | { kind: "invalid"; reason: string };

/**
 * whsec_ keys are base64 after the prefix (not raw text, unlike Stripe). Asymmetric v1a keys come as
 * whpk_ (32-byte public key) or whsk_ (64 bytes: seed then public key; only the public half is used).
 */
export function standardWebhooksKey(secret: string): Key {
  const text = secret.trim();
  try {
    if (text.startsWith("whpk_") || text.startsWith("whsk_")) {
      const bytes = decodeBase64Strict(text.slice(5));
      if (!bytes) return { kind: "invalid", reason: "The key after whpk_/whsk_ is not valid base64." };
      const publicKey = text.startsWith("whsk_") ? bytes.subarray(32) : bytes;
      return { kind: "ed25519", key: ed25519PublicKey(publicKey) };
    }
  } catch (error) {
    return { kind: "invalid", reason: `The Ed25519 key cannot be read: ${(error as Error).message}.` };
  }
  const body = text.startsWith("whsec_") ? text.slice("whsec_".length) : text;
  const key = decodeBase64Strict(body);
  if (!key || key.length === 0) {
    return {
      kind: "invalid",
      reason: "The secret is not base64 after the whsec_ prefix, so no Standard Webhooks key can be made from it.",
    };
  }
  return { kind: "hmac", key };
}

function headerSet(req: RequestView, preferred: Prefix) {
  const order: Prefix[] = preferred === "svix" ? ["svix", "webhook"] : ["webhook", "svix"];
  const prefix = order.find((p) => req.has(`${p}-signature`)) ?? order[0]!;
  const name = (suffix: string) => `${prefix}-${suffix}`;
  return {
    signatureName: name("signature"),
    idName: name("id"),
    timestampName: name("timestamp"),
    signature: req.header(name("signature")),
    id: req.header(name("id")),
    timestamp: req.header(name("timestamp")),
  };
}

function standardCheck(name: string, preferred: Prefix) {
  return (req: RequestView, ctx: SchemeContext): Outcome => {
    const h = headerSet(req, preferred);
    for (const [header, value] of [
      [h.signatureName, h.signature],
      [h.idName, h.id],
      [h.timestampName, h.timestamp],
    ] as const) {
      if (value === undefined || value === "") {
        return {
          kind: "error",
          header,
          reason: `The ${header} header is missing; ${name} signs the message id, the timestamp and the body together.`,
        };
      }
    }
    const timestamp = parseUnixSeconds(h.timestamp);
    if (timestamp === undefined) {
      return { kind: "error", header: h.timestampName, reason: `${h.timestampName} is not a Unix timestamp.` };
    }
    const key: Key = ctx.key ? { kind: "hmac", key: ctx.key } : standardWebhooksKey(ctx.secret.secret);
    if (key.kind === "invalid") return { kind: "error", header: h.signatureName, reason: key.reason, keyProblem: true };
    const entries = h.signature!.split(" ").map((entry) => {
      const [version, signature] = entry.split(",");
      return { version: version ?? "", signature: signature ?? "" };
    });
    const signed = concatBytes(`${h.id}.${timestamp}.`, req.body);
    const fresh = freshness(ageFromUnixSeconds(req, timestamp), toleranceOf(ctx.secret, 300), "both", h.timestampName);
    const describeSigned = `${h.idName} + "." + ${h.timestampName} + "." + raw body`;
    if (key.kind === "hmac") {
      const v1 = entries.filter((entry) => entry.version === "v1").map((entry) => entry.signature);
      if (v1.length === 0) {
        const hasV1a = entries.some((entry) => entry.version === "v1a");
        return {
          kind: "error",
          header: h.signatureName,
          reason: hasV1a
            ? `${h.signatureName} only has v1a (Ed25519) signatures; configure the sender's whpk_ public key instead of a whsec_ secret.`
            : `${h.signatureName} has no v1 signature.`,
        };
      }
      return checkHmac({
        key: key.key,
        algorithm: "sha256",
        encoding: "base64",
        header: h.signatureName,
        received: v1,
        signed: [signed],
        freshness: fresh,
        describe: `HMAC-SHA256 of ${describeSigned}, base64 (any v1 entry may match)`,
        hints: duplicateHint(req, h.signatureName),
      });
    }
    const v1a = entries.filter((entry) => entry.version === "v1a");
    if (v1a.length === 0) {
      return {
        kind: "error",
        header: h.signatureName,
        reason: `${h.signatureName} has no v1a (Ed25519) signature; a whpk_ public key only verifies v1a entries.`,
      };
    }
    const match = v1a.some((entry) => {
      const bytes = decodeBase64(entry.signature);
      return bytes !== undefined && verifyEd25519(key.key, signed, bytes);
    });
    return {
      kind: "checked",
      match,
      header: h.signatureName,
      signed,
      received: v1a.map((entry) => `v1a,${entry.signature}`).join(" "),
      freshness: fresh,
      method: `Ed25519 over ${describeSigned} (v1a)`,
    };
  };
}

/** The readings of a whsec_ secret that people (and senders) mix up. */
function standardAlternatives(secret: SecretConfig): KeyAlternative[] {
  const text = secret.secret.trim();
  if (text.startsWith("whpk_") || text.startsWith("whsk_")) return [];
  const out: KeyAlternative[] = [];
  if (text.startsWith("whsec_")) {
    out.push({
      key: utf8(text),
      hint: "The secret looks like a whsec_ key used as raw text: the signature matches when the whole whsec_… string is the HMAC key (the way Stripe reads it), while Standard Webhooks base64-decodes the part after whsec_.",
    });
    out.push({
      key: utf8(text.slice("whsec_".length)),
      hint: "The secret looks like a whsec_ key used as raw text: the signature matches when the text after whsec_ is the HMAC key as-is, without base64-decoding it.",
    });
  } else {
    out.push({
      key: utf8(text),
      hint: "The secret looks like a whsec_ key used as raw text: the signature matches when the configured text is the HMAC key as-is, while Standard Webhooks base64-decodes it.",
    });
  }
  return out;
}

/** A whsk_ key (seed then public key) as a signing key, or the reason it is not one. */
function whskPrivateKey(text: string): KeyObject | string {
  const bytes = text.trim().startsWith("whsk_") ? decodeBase64Strict(text.trim().slice(5)) : undefined;
  if (!bytes || bytes.length !== 64) return "a whsk_ private key is whsk_ followed by base64 of 64 bytes (seed, then public key)";
  try {
    return ed25519PrivateKey(bytes);
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A fresh message id and timestamp, signed v1 (HMAC) for a whsec_ secret, or v1a (Ed25519) with a
 * whsk_ key: the configured one, or one the owner gives whose public half is the configured whpk_.
 */
function standardResign(name: string, preferred: Prefix) {
  return ({ req, secret, now, newId, privateKey }: ResignInput): ResignOutcome => {
    const h = headerSet(req, preferred);
    const prefix = h.signatureName.slice(0, -"-signature".length);
    const id = `msg_${newId()}`;
    const timestamp = Math.floor(now / 1000);
    const signed = concatBytes(`${id}.${timestamp}.`, req.body);
    const configured = secret.secret.trim();
    let signature: string;
    if (configured.startsWith("whsk_") || configured.startsWith("whpk_")) {
      const keyText = configured.startsWith("whsk_") ? configured : privateKey;
      if (!keyText) return needsPrivateKey(name, "the whsk_ key whose public half is the configured whpk_ key");
      const key = whskPrivateKey(keyText);
      if (typeof key === "string") return { kind: "refused", reason: `The ${name} private key cannot be used: ${key}.` };
      const pub = standardWebhooksKey(configured);
      if (pub.kind !== "ed25519" || !samePublicKey(key, pub.key)) {
        return { kind: "refused", reason: `The private key given is not the pair of the configured ${name} whpk_ key.` };
      }
      signature = `v1a,${sign(null, signed, key).toString("base64")}`;
    } else {
      const key = standardWebhooksKey(configured);
      if (key.kind !== "hmac") return { kind: "refused", reason: key.kind === "invalid" ? key.reason : `The ${name} secret cannot sign.` };
      signature = `v1,${hmacText("sha256", key.key, signed, "base64")}`;
    }
    return {
      kind: "signed",
      set: [
        [`${prefix}-id`, id],
        [`${prefix}-timestamp`, String(timestamp)],
        [`${prefix}-signature`, signature],
      ],
    };
  };
}

function validateStandardSecret(secret: string): string | undefined {
  const key = standardWebhooksKey(secret);
  return key.kind === "invalid" ? key.reason : undefined;
}

function clerkPayload(req: RequestView): boolean {
  const body = req.json();
  return field(body, "object") === "event" && typeof field(body, "instance_id") === "string";
}

function resendPayload(req: RequestView): boolean {
  const type = field(req.json(), "type");
  return typeof type === "string" && /^(email|contact|domain)\./.test(type) && field(req.json(), "object") !== "event";
}

function standardFamily(id: SchemeId, name: string, preferred: Prefix, score: (req: RequestView) => number, example: string): SchemeModule {
  const prefixes = preferred === "svix" ? ["svix", "webhook"] : ["webhook", "svix"];
  return {
    id,
    name,
    secret: { label: "Signing secret (or whpk_ public key for v1a)", example, kind: "shared-secret" },
    headers: prefixes.flatMap((p) => [`${p}-id`, `${p}-timestamp`, `${p}-signature`]),
    signatureHeaders: prefixes.map((p) => `${p}-signature`),
    window: "300 s either way",
    present: (req) => req.has("webhook-signature") || req.has("svix-signature"),
    score,
    check: standardCheck(name, preferred),
    resign: standardResign(name, preferred),
    keyAlternatives: standardAlternatives,
    validateSecret: validateStandardSecret,
  };
}

export const standardWebhooks = standardFamily(
  "standard-webhooks",
  "Standard Webhooks",
  "webhook",
  (req) => (req.has("webhook-signature") && !req.has("svix-signature") ? 90 : 30),
  "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
);

export const svix = standardFamily(
  "svix",
  "Svix",
  "svix",
  (req) => (req.has("svix-signature") ? (clerkPayload(req) || resendPayload(req) ? 50 : 80) : 40),
  "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
);

export const clerk = standardFamily("clerk", "Clerk", "svix", (req) => (clerkPayload(req) ? 95 : 20), "whsec_… (CLERK_WEBHOOK_SIGNING_SECRET)");

export const resend = standardFamily("resend", "Resend", "svix", (req) => (resendPayload(req) ? 95 : 20), "whsec_… from the webhook's page");
