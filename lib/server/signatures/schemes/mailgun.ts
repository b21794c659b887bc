import { randomBytes } from "node:crypto";
import { utf8 } from "../crypto";
import { field, type RequestView } from "../request";
import {
  ageFromUnixSeconds,
  checkHmac,
  freshness,
  hmacText,
  parseUnixSeconds,
  rawSecretAlternatives,
  secretKey,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";

interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
  where: string;
}

/** Mailgun signs inside the payload: a JSON "signature" object, or top-level form fields (legacy). */
export function mailgunSignature(req: RequestView): MailgunSignature | undefined {
  // Detection runs on every request: a substring test spares parsing bodies that cannot match.
  const block = req.bodyText().includes('"signature"') ? field(req.json(), "signature") : undefined;
  const timestamp = field(block, "timestamp");
  const token = field(block, "token");
  const signature = field(block, "signature");
  if (typeof signature === "string" && typeof token === "string" && (typeof timestamp === "string" || typeof timestamp === "number")) {
    return { timestamp: String(timestamp), token, signature, where: "signature.signature (JSON body)" };
  }
  const form = req.form();
  const formTimestamp = form?.get("timestamp");
  const formToken = form?.get("token");
  const formSignature = form?.get("signature");
  if (formTimestamp && formToken && formSignature) {
    return { timestamp: formTimestamp, token: formToken, signature: formSignature, where: "signature (form field)" };
  }
  return undefined;
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const found = mailgunSignature(req);
  if (!found) {
    return {
      kind: "error",
      header: "signature (body)",
      reason: "The body has no Mailgun signature block (signature.timestamp, signature.token, signature.signature).",
    };
  }
  const seconds = parseUnixSeconds(found.timestamp);
  return checkHmac({
    key: secretKey(ctx),
    algorithm: "sha256",
    encoding: "hex",
    header: found.where,
    received: [found.signature],
    signed: [utf8(found.timestamp + found.token)],
    ...(seconds !== undefined ? { freshness: freshness(ageFromUnixSeconds(req, seconds), null, "past", "signature.timestamp") } : {}),
    describe: "HMAC-SHA256 of timestamp + token, hex",
    note: "Mailgun's signature covers only the timestamp and the token, not the event data; keep used tokens to refuse replays.",
  });
}

/**
 * The signature lives in the body, so re-signing writes a new timestamp, token and signature there.
 * The JSON body is serialised again (Mailgun's signature does not cover the event data, so its
 * layout does not matter to a verifier); a form body keeps its field order.
 */
function resign({ req, secret, now }: ResignInput): ResignOutcome {
  const found = mailgunSignature(req);
  if (!found) return { kind: "refused", reason: "The body has no Mailgun signature block to replace." };
  const timestamp = String(Math.floor(now / 1000));
  // Mailgun's tokens are 50 random characters; receivers are told to refuse a token seen before.
  const token = randomBytes(25).toString("hex");
  const signature = hmacText("sha256", secretKey({ secret }), utf8(timestamp + token), "hex");
  const form = req.form();
  if (found.where.includes("form") && form) {
    form.set("timestamp", timestamp);
    form.set("token", token);
    form.set("signature", signature);
    return { kind: "signed", set: [], body: utf8(form.toString()), note: "timestamp, token and signature form fields replaced" };
  }
  const json = req.json() as { signature: Record<string, unknown> };
  const body = { ...json, signature: { ...json.signature, timestamp, token, signature } };
  return { kind: "signed", set: [], body: utf8(JSON.stringify(body)), note: "signature block of the JSON body replaced (body re-serialised)" };
}

export const mailgun: SchemeModule = {
  id: "mailgun",
  name: "Mailgun",
  secret: { label: "HTTP webhook signing key", example: "key-… or the signing key under Webhooks", kind: "shared-secret" },
  headers: [],
  signatureHeaders: [],
  present: (req) => mailgunSignature(req) !== undefined,
  score: () => 80,
  check,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Mailgun"),
  resign,
};
