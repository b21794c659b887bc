import { utf8 } from "../crypto";
import { field, type RequestView } from "../request";
import {
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

const HEADER = "Linear-Signature";
/** Unsigned and ignored by the SDK, but kept in step with the body when the request had it. */
const LEGACY_TIMESTAMP = "Linear-Timestamp";

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(HEADER);
  if (signature === undefined) return missingHeader(HEADER);
  // The signed timestamp lives in the body (ms); the linear-timestamp header is legacy and unsigned.
  const timestampMs = field(req.json(), "webhookTimestamp");
  const outcome = checkHmac({
    key: secretKey(ctx),
    algorithm: "sha256",
    encoding: "hex",
    header: HEADER,
    received: [signature],
    signed: [req.body],
    ...(typeof timestampMs === "number" && Number.isFinite(timestampMs)
      ? {
          freshness: freshness((req.receivedAt - timestampMs) / 1000, toleranceOf(ctx.secret, 60), "both", "webhookTimestamp in the body"),
        }
      : {}),
    describe: "HMAC-SHA256 of the raw body, hex",
    hints: duplicateHint(req, HEADER),
  });
  if (outcome.kind === "checked" && outcome.match && !outcome.freshness) {
    return {
      kind: "error",
      header: HEADER,
      reason: "The signature matches, but the body has no numeric webhookTimestamp, which Linear's verifier requires to rule out a replay.",
    };
  }
  return outcome;
}

const WEBHOOK_TIMESTAMP = /("webhookTimestamp"\s*:\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/**
 * Linear's signed timestamp is in the body, so a fresh one means a new body: only the number is
 * replaced in the text, every other byte stays as captured.
 */
function resign({ req, secret, now }: ResignInput): ResignOutcome {
  const text = req.bodyText();
  if (typeof field(req.json(), "webhookTimestamp") !== "number" || !WEBHOOK_TIMESTAMP.test(text)) {
    return {
      kind: "refused",
      reason: "Linear's verifier needs a numeric webhookTimestamp in the JSON body, and this body has none to refresh.",
    };
  }
  const body = utf8(text.replace(WEBHOOK_TIMESTAMP, `$1${now}`));
  const set: [string, string][] = [[HEADER, hmacText("sha256", secretKey({ secret }), body, "hex")]];
  if (req.has(LEGACY_TIMESTAMP)) set.push([LEGACY_TIMESTAMP, String(now)]);
  return { kind: "signed", set, body, note: "webhookTimestamp in the body set to the signing time" };
}

export const linear: SchemeModule = {
  id: "linear",
  name: "Linear",
  secret: { label: "Webhook signing secret", example: "lin_wh_…", kind: "shared-secret" },
  headers: [HEADER],
  signatureHeaders: [HEADER],
  window: "60 s either way, from webhookTimestamp in the body",
  present: (req) => req.has(HEADER),
  check,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Linear"),
  resign,
};
