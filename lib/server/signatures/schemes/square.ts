import { concatBytes } from "../crypto";
import type { RequestView } from "../request";
import { checkHmac, hmacText, rawSecretAlternatives, secretKey, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const HEADER = "x-square-hmacsha256-signature";
const LEGACY_HEADER = "x-square-signature";

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const modern = req.header(HEADER);
  const header = modern !== undefined ? HEADER : LEGACY_HEADER;
  const value = modern ?? req.header(LEGACY_HEADER);
  if (value === undefined) return missingHeader(HEADER);
  const algorithm = modern !== undefined ? "sha256" : "sha1";
  return checkHmac({
    key: secretKey(ctx),
    algorithm,
    encoding: "base64",
    header,
    received: [value],
    signed: [concatBytes(req.url, req.body)],
    describe: `HMAC-${algorithm === "sha256" ? "SHA256" : "SHA1"} of the notification URL followed by the raw body, base64`,
    hints: [...duplicateHint(req, header), `Square signs the notification URL exactly as entered in the subscription; this check used ${req.url}.`],
  });
}

export const square: SchemeModule = {
  id: "square",
  name: "Square",
  secret: { label: "Subscription signature key", example: "the Signature key of the webhook subscription", kind: "shared-secret" },
  headers: [HEADER, LEGACY_HEADER],
  signatureHeaders: [HEADER, LEGACY_HEADER],
  present: (req) => req.has(HEADER) || req.has(LEGACY_HEADER),
  check,
  signsUrl: true,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Square"),
  resign({ req, secret }) {
    const key = secretKey({ secret });
    const signed = concatBytes(req.url, req.body);
    const set: [string, string][] = [[HEADER, hmacText("sha256", key, signed, "base64")]];
    if (req.has(LEGACY_HEADER)) set.push([LEGACY_HEADER, hmacText("sha1", key, signed, "base64")]);
    return { kind: "signed", set };
  },
};
