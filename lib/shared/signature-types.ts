/** Every scheme the library can check; the order is the catalogue order shown in the UI. */
export const SCHEME_IDS = [
  "github",
  "stripe",
  "slack",
  "shopify",
  "standard-webhooks",
  "svix",
  "clerk",
  "resend",
  "twilio",
  "square",
  "paddle",
  "meta",
  "zalo",
  "gitlab",
  "discord",
  "linear",
  "intercom",
  "zoom",
  "twitch",
  "hubspot",
  "mailgun",
  "sendgrid",
  "typeform",
  "calendly",
  "woocommerce",
  "bitbucket",
  "sentry",
  "vercel",
  "telegram",
  "generic-hmac",
] as const;

export type SchemeId = (typeof SCHEME_IDS)[number];

/** A request as the capture pipeline stored it: nothing normalised, so signatures can be recomputed byte for byte. */
export interface CapturedRequest {
  method: string;
  /** Full URL as the sender addressed it, e.g. https://host/h/bin/path?q */
  url: string;
  /** Ordered, original case, duplicates kept. */
  headers: [string, string][];
  /** Exact body bytes. */
  body: Uint8Array;
  /** Capture time in ms since the epoch; timestamp windows are measured against it, not against "now". */
  receivedAt: number;
  /** What followed `/h/<binId>` in the path, for a secret's `signedUrl`; absent, the URL is used as it is. */
  subpath?: string | undefined;
}

export type HmacAlgorithm = "sha1" | "sha256" | "sha512";
export type SignatureEncoding = "hex" | "base64";
export type SecretEncoding = "utf8" | "base64" | "hex";

/** Options of the generic HMAC scheme (validated by `genericHmacOptionsSchema`). */
export interface GenericHmacOptions {
  algorithm: HmacAlgorithm;
  /** Header carrying the signature. */
  header: string;
  /** Text before the signature in the header value, e.g. "sha256=". */
  prefix: string;
  encoding: SignatureEncoding;
  /** What is signed, over {body}, {timestamp}, {id}, {method}, {url}. */
  template: string;
  timestampHeader?: string | undefined;
  idHeader?: string | undefined;
  /** How the secret string becomes the HMAC key. */
  secretEncoding: SecretEncoding;
  /** Maximum |age| of {timestamp}; only checked when the template uses {timestamp}. */
  toleranceSeconds?: number | undefined;
}

export interface SecretConfig {
  scheme: SchemeId;
  /** A shared secret or token, or a public key (Discord, SendGrid, Standard Webhooks whpk_). */
  secret: string;
  /** Required for generic-hmac, ignored by the other schemes. */
  options?: GenericHmacOptions | undefined;
  /** Overrides the scheme's timestamp window; 0 turns the freshness check off. */
  toleranceSeconds?: number | undefined;
  /**
   * For schemes that sign the URL: the public URL the provider was given for this bin (no query).
   * The captured subpath and query are appended to it, instead of rebuilding the URL from the request.
   */
  signedUrl?: string | undefined;
}

export type VerdictStatus = "valid" | "invalid" | "no_secret" | "not_signed";

/**
 * The signature, apart from time: it matches the secret, it does not, no secret applies, the request
 * is not signed, or it could not be checked (unreadable header, unusable key or configuration).
 */
export const SIGNATURE_RESULTS = ["matches", "mismatch", "no_secret", "not_signed", "unsupported"] as const;
export type SignatureResult = (typeof SIGNATURE_RESULTS)[number];

/**
 * The signed timestamp, apart from the signature: within the window, outside it, none signed, a window
 * that is off (for the scheme or for this secret), or not checked because no signature was.
 */
export const FRESHNESS_RESULTS = ["fresh", "stale", "no_timestamp", "window_off", "not_checked"] as const;
export type FreshnessResult = (typeof FRESHNESS_RESULTS)[number];

export interface VerdictDetails {
  /** The header (or body field) the signature was read from. */
  header?: string;
  /** The start of the exact bytes that were signed, as text. */
  signedPayloadPreview?: string;
  /** The start of the signature we computed; deliberately cut short, see `shortExpected`. */
  expected?: string;
  received?: string;
  timestampAgeSeconds?: number;
  toleranceSeconds?: number;
  /** How far past the window the timestamp is, when it is stale. */
  staleBySeconds?: number;
  /** True only for a signature that matches with a stale timestamp: a genuine delivery, late or replayed. */
  replaySuspected?: boolean;
  /** For URL-signing schemes: the URL the signature was checked against, and where it came from. */
  signedUrl?: string;
  signedUrlSource?: "configured" | "rebuilt";
  hints?: string[];
}

export interface Verdict {
  /** Both dimensions at once: valid is a matching signature that is not stale. */
  status: VerdictStatus;
  signature: SignatureResult;
  freshness: FreshnessResult;
  scheme: SchemeId | null;
  /** Plain words, for people. */
  reason: string;
  details?: VerdictDetails;
}

/** Whether a secret of this scheme may carry a `signedUrl`: the scheme signs the URL, or its template may (generic HMAC). */
export function takesSignedUrl(scheme: { id: string; signsUrl?: boolean }): boolean {
  return scheme.signsUrl === true || scheme.id === "generic-hmac";
}
