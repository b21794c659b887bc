import { utf8 } from "../crypto";
import { field, type RequestView } from "../request";
import {
  ageFromUnixSeconds,
  checkHmac,
  freshness,
  parseUnixSeconds,
  rawSecretAlternatives,
  secretKey,
  type Outcome,
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
};
