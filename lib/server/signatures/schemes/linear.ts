import { field, type RequestView } from "../request";
import { checkHmac, freshness, rawSecretAlternatives, secretKey, toleranceOf, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const HEADER = "Linear-Signature";

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
};
