import { concatBytes, encode, safeEqual, sha256, utf8 } from "../crypto";
import { field, type RequestView } from "../request";
import type { Outcome, SchemeContext, SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

const HEADER = "X-ZEvent-Signature";

// Low confidence: the formula comes from community write-ups and independent implementations, not
// from a page of Zalo's own; check it against a real delivery before relying on it.
function check(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(HEADER);
  if (signature === undefined) return missingHeader(HEADER);
  const body = req.json();
  const appId = field(body, "app_id");
  const timestamp = field(body, "timestamp");
  if ((typeof appId !== "string" && typeof appId !== "number") || (typeof timestamp !== "string" && typeof timestamp !== "number")) {
    return {
      kind: "error",
      header: HEADER,
      reason: "The body has no app_id and timestamp, which Zalo signs together with the body.",
    };
  }
  // Plain SHA-256 with the secret appended, not an HMAC.
  const key = ctx.key ?? utf8(ctx.secret.secret);
  const expected = zaloMac(String(appId), req.body, String(timestamp), key);
  const match = safeEqual(expected, signature);
  return {
    kind: "checked",
    match,
    header: HEADER,
    signed: concatBytes(String(appId), req.body, String(timestamp)),
    expected,
    received: signature,
    method: 'SHA-256 (not HMAC) of app_id + raw body + timestamp + OA secret key, hex, prefixed "mac="',
    ...(match
      ? {}
      : {
          hints: [
            ...duplicateHint(req, HEADER),
            "Zalo signs with the Official Account's secret key, not the app secret. This scheme's formula is known with low confidence.",
          ],
        }),
  };
}

function zaloMac(appId: string, body: Uint8Array, timestamp: string, key: Uint8Array): string {
  return `mac=${encode(sha256(concatBytes(appId, body, timestamp, key)), "hex")}`;
}

export const zalo: SchemeModule = {
  id: "zalo",
  name: "Zalo Official Account",
  secret: { label: "OA secret key", example: "the Official Account secret key (not the app secret)", kind: "shared-secret" },
  headers: [HEADER],
  signatureHeaders: [HEADER],
  present: (req) => req.has(HEADER),
  check,
  // Zalo's timestamp is in the body and no window is known, so the body is kept and only signed again.
  resign({ req, secret }) {
    const body = req.json();
    const appId = field(body, "app_id");
    const timestamp = field(body, "timestamp");
    if ((typeof appId !== "string" && typeof appId !== "number") || (typeof timestamp !== "string" && typeof timestamp !== "number")) {
      return { kind: "refused", reason: "Zalo signs app_id and timestamp from the JSON body, and this body lacks them." };
    }
    return { kind: "signed", set: [[HEADER, zaloMac(String(appId), req.body, String(timestamp), utf8(secret.secret))]] };
  },
};
