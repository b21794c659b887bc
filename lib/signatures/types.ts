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
}

export type VerdictStatus = "valid" | "invalid" | "no_secret" | "not_signed";

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
  replaySuspected?: boolean;
  hints?: string[];
}

export interface Verdict {
  status: VerdictStatus;
  scheme: SchemeId | null;
  /** Plain words, for people. */
  reason: string;
  details?: VerdictDetails;
}
