import { concatBytes } from "../crypto";
import type { RequestView } from "../request";
import { checkHmac, freshness, hmacText, rawSecretAlternatives, secretKey, toleranceOf, type Outcome, type SchemeContext, type SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const HEADER = "Paddle-Signature";

/**
 * "ts=<unix>;h1=<hex>[;h1=…]". Paddle sends several h1 while a secret is being rotated; its Node SDK
 * keeps only the last one, but any h1 that matches proves the sender knew one of the secrets.
 */
export function parsePaddleHeader(value: string): { timestamp: number | undefined; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of value.split(";")) {
    const [key, val] = part.split("=");
    if (!val) continue;
    if (key === "ts") {
      const parsed = Number.parseInt(val, 10);
      timestamp = Number.isSafeInteger(parsed) ? parsed : undefined;
    } else if (key === "h1") {
      signatures.push(val);
    }
  }
  return { timestamp, signatures };
}

function check(req: RequestView, ctx: SchemeContext): Outcome {
  const value = req.header(HEADER);
  if (value === undefined) return missingHeader(HEADER);
  const { timestamp, signatures } = parsePaddleHeader(value);
  if (timestamp === undefined || signatures.length === 0) {
    return { kind: "error", header: HEADER, reason: `${HEADER} must carry ts=… and h1=…; this one cannot be read.` };
  }
  return checkHmac({
    key: secretKey(ctx),
    algorithm: "sha256",
    encoding: "hex",
    header: HEADER,
    received: signatures,
    signed: [concatBytes(`${timestamp}:`, req.body)],
    // The SDK rejects when now > ts + 5 s, and never a timestamp ahead of the clock.
    freshness: freshness((req.receivedAt - timestamp * 1000) / 1000, toleranceOf(ctx.secret, 5), "past", `ts= in ${HEADER}`),
    describe: 'HMAC-SHA256 of ts + ":" + raw body, hex (any h1 entry may match)',
    hints: duplicateHint(req, HEADER),
  });
}

export const paddle: SchemeModule = {
  id: "paddle",
  name: "Paddle Billing",
  secret: { label: "Endpoint secret key", example: "pdl_ntfset_…", kind: "shared-secret" },
  headers: [HEADER],
  signatureHeaders: [HEADER],
  window: "5 s; only too-old timestamps are rejected",
  present: (req) => req.has(HEADER),
  check,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Paddle"),
  resign({ req, secret, now }) {
    const ts = Math.floor(now / 1000);
    return { kind: "signed", set: [[HEADER, `ts=${ts};h1=${hmacText("sha256", secretKey({ secret }), concatBytes(`${ts}:`, req.body), "hex")}`]] };
  },
};
