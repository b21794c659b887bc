import { concatBytes, encode, safeEqual, sha256, utf8 } from "../crypto";
import type { RequestView } from "../request";
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

const V3 = "X-HubSpot-Signature-v3";
const TIMESTAMP = "X-HubSpot-Request-Timestamp";
const LEGACY = "X-HubSpot-Signature";
const VERSION = "X-HubSpot-Signature-Version";

const DOC_DECODED: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

/**
 * HubSpot's docs decode a fixed set of percent-escapes in the URI before signing, but the Node SDK
 * signs the URL exactly as given; both forms are accepted so either convention verifies.
 */
export function hubspotUriCandidates(url: string): string[] {
  const decoded = url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DOC_DECODED[escape.toUpperCase()]!);
  return decoded === url ? [url] : [url, decoded];
}

function checkV3(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(V3)!;
  const rawTimestamp = req.header(TIMESTAMP);
  if (rawTimestamp === undefined) return missingHeader(TIMESTAMP, "HubSpot v3 signs the timestamp with the request.");
  const timestampMs = Number(rawTimestamp);
  if (!Number.isFinite(timestampMs)) return { kind: "error", header: TIMESTAMP, reason: `${TIMESTAMP} is not a number of milliseconds.` };
  return checkHmac({
    key: secretKey(ctx),
    algorithm: "sha256",
    encoding: "base64",
    header: V3,
    received: [signature],
    signed: hubspotUriCandidates(req.url).map((uri) => concatBytes(req.method + uri, req.body, rawTimestamp)),
    // The SDK rejects only timestamps older than 300000 ms.
    freshness: freshness((req.receivedAt - timestampMs) / 1000, toleranceOf(ctx.secret, 300), "past", TIMESTAMP),
    describe: "HMAC-SHA256 of method + full URL + raw body + timestamp, base64",
    hints: [...duplicateHint(req, V3), `HubSpot signs the URL it called; this check used ${req.url} (also with HubSpot's documented %-decoding).`],
  });
}

/** v1 and v2 are plain SHA-256 of the secret followed by the request: not HMACs, and without a timestamp. */
function checkLegacy(req: RequestView, ctx: SchemeContext): Outcome {
  const signature = req.header(LEGACY)!;
  const version = (req.header(VERSION) ?? "v1").trim().toLowerCase();
  if (version !== "v1" && version !== "v2") {
    return { kind: "error", header: VERSION, reason: `${VERSION} is ${JSON.stringify(version)}; only v1, v2 and v3 exist.` };
  }
  const key = secretKey(ctx);
  const candidates = version === "v1" ? [concatBytes(key, req.body)] : hubspotUriCandidates(req.url).map((uri) => concatBytes(key, req.method + uri, req.body));
  const digests = candidates.map((bytes) => encode(sha256(bytes), "hex"));
  const match = digests.some((digest) => safeEqual(digest, signature));
  // The signed bytes start with the secret, so the preview starts after it.
  const shown = version === "v1" ? req.body : utf8(`${req.method}${req.url}`);
  return {
    kind: "checked",
    match,
    header: LEGACY,
    signed: shown,
    expected: digests[0]!,
    received: signature,
    method: version === "v1" ? "SHA-256 of secret + raw body, hex (signature v1)" : "SHA-256 of secret + method + full URL + raw body, hex (signature v2)",
    note: `Legacy signature ${version}: it has no timestamp, so a replay cannot be told apart.`,
  };
}

/** v3 always (what HubSpot sends today); a legacy v1/v2 header the request carried is recomputed too. */
function resign({ req, secret, now }: ResignInput): ResignOutcome {
  const key = secretKey({ secret });
  const timestamp = String(now);
  const set: [string, string][] = [
    [TIMESTAMP, timestamp],
    [V3, hmacText("sha256", key, concatBytes(req.method + req.url, req.body, timestamp), "base64")],
  ];
  if (req.has(LEGACY)) {
    const version = (req.header(VERSION) ?? "v1").trim().toLowerCase();
    const signed = version === "v2" ? concatBytes(key, req.method + req.url, req.body) : concatBytes(key, req.body);
    set.push([LEGACY, encode(sha256(signed), "hex")]);
  }
  return { kind: "signed", set };
}

export const hubspot: SchemeModule = {
  id: "hubspot",
  name: "HubSpot",
  secret: { label: "App client secret", example: "the app's Client secret (a UUID)", kind: "shared-secret" },
  headers: [V3, TIMESTAMP, LEGACY, VERSION],
  signatureHeaders: [V3, LEGACY],
  window: "300 s; only too-old timestamps are rejected (v3)",
  present: (req) => req.has(V3) || req.has(LEGACY),
  check: (req, ctx) => (req.has(V3) ? checkV3(req, ctx) : checkLegacy(req, ctx)),
  signsUrl: true,
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "HubSpot"),
  resign,
};
