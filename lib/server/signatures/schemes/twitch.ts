import { concatBytes } from "../crypto";
import type { RequestView } from "../request";
import { checkHmac, freshness, hmacText, rawSecretAlternatives, secretKey, toleranceOf, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const SIGNATURE = "Twitch-Eventsub-Message-Signature";
const ID = "Twitch-Eventsub-Message-Id";
const TIMESTAMP = "Twitch-Eventsub-Message-Timestamp";

/** RFC 3339 with nanoseconds: Date.parse is only specified for milliseconds, so extra digits are cut. */
export function parseRfc3339(text: string): number | undefined {
  const trimmed = text.trim().replace(/(\.\d{3})\d+/, "$1");
  const value = Date.parse(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(SIGNATURE);
  if (signature === undefined) return missingHeader(SIGNATURE);
  const id = req.header(ID);
  if (id === undefined) return missingHeader(ID, "Twitch signs the message id, the timestamp and the body together.");
  const timestamp = req.header(TIMESTAMP);
  if (timestamp === undefined) return missingHeader(TIMESTAMP, "Twitch signs the message id, the timestamp and the body together.");
  const timestampMs = parseRfc3339(timestamp);
  return checkHmac({
    key: secretKey(ctx),
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    header: SIGNATURE,
    received: [signature],
    // No separators: the id and the timestamp text are concatenated with the body as sent.
    signed: [concatBytes(id + timestamp, req.body)],
    ...(timestampMs !== undefined ? { freshness: freshness((req.receivedAt - timestampMs) / 1000, toleranceOf(ctx.secret, 600), "past", TIMESTAMP) } : {}),
    describe: 'HMAC-SHA256 of message id + timestamp + raw body, hex, prefixed "sha256="',
    hints: duplicateHint(req, SIGNATURE),
  });
}

export const twitch: SchemeModule = {
  id: "twitch",
  name: "Twitch EventSub",
  secret: { label: "Subscription secret", example: "the 10–100 character secret given when subscribing", kind: "shared-secret" },
  headers: [SIGNATURE, ID, TIMESTAMP],
  signatureHeaders: [SIGNATURE],
  window: "600 s (Twitch's docs); only too-old timestamps are rejected",
  present: (req) => req.has(SIGNATURE),
  check,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Twitch"),
  resign({ req, secret, now, newId }) {
    const id = newId();
    const timestamp = new Date(now).toISOString();
    const signature = hmacText("sha256", secretKey({ secret }), concatBytes(id + timestamp, req.body), "hex", "sha256=");
    return {
      kind: "signed",
      set: [
        [ID, id],
        [TIMESTAMP, timestamp],
        [SIGNATURE, signature],
      ],
    };
  },
  validateSecret: (secret) => (/^[\x20-\x7e]{10,100}$/.test(secret) ? undefined : "A Twitch EventSub secret is 10 to 100 printable ASCII characters."),
};
