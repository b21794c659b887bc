// Shapes of the owner-only API that the browser reads but lib/api-types.ts does not (yet) declare:
// bin settings as JSON, signature verification and secrets. Kept loose where the server contract is
// still arriving, so an extra field never breaks the page.
import type { DeliveryDetail, ForwarderInfo } from "@/lib/api-types";
import type { SenderPresetInfo, SenderSources } from "@/lib/bins/sources";
import type { SecretConfig, Verdict, VerdictDetails } from "@/lib/signatures/types";

export type HeaderPair = [string, string];

export type RuleWhen =
  | { kind: "always" }
  | { kind: "nth"; n: number }
  | { kind: "every_nth"; n: number }
  | { kind: "after"; n: number }
  | { kind: "percent"; percent: number };

export type RuleAction =
  | { kind: "status"; status: number; body: string | null }
  | { kind: "rate_limit"; retryAfterSeconds: number }
  | { kind: "gone" }
  | { kind: "hold" };

export interface ResponseRule {
  name?: string;
  when: RuleWhen;
  action: RuleAction;
}

export interface ResponseConfig {
  status: number;
  contentType: string;
  headers: HeaderPair[];
  /** null: the default `{"ok":true,"id":...}` answer. */
  body: string | null;
  delayMs: number;
}

export interface CorsConfig {
  enabled: boolean;
  allowOrigin: string;
}

export interface ForwardConfig {
  enabled: boolean;
  url: string | null;
  maxAttempts: number;
}

export type DeliveryAuthMode = "none" | "query" | "basic" | "header";

export interface DeliveryAuthConfig {
  mode: DeliveryAuthMode;
  /** Used by the "header" mode; the server keeps it (default X-Webhook-Token) in the other modes too. */
  headerName?: string;
  /** reject: 401 (still listed, marked rejected); flag: accepted and marked. */
  onFailure: "reject" | "flag";
}

/** `GET /api/bins/<binId>/settings` (mirrors BinSettingsSchema in lib/bins/settings.ts). */
export interface BinSettingsJson {
  response: ResponseConfig;
  rules: ResponseRule[];
  rulesBase: number;
  cors: CorsConfig;
  forward: ForwardConfig;
  lastReplayTarget: string | null;
  /** Absent from servers that predate delivery auth. */
  auth?: DeliveryAuthConfig;
  /** The sender allow-list; absent from servers that predate it. */
  sources?: SendersConfig;
}

/** `settings.sources`: which addresses may send (mirrors SourcesSchema in lib/bins/sources.ts). */
export type SendersConfig = SenderSources;
export type SendersMode = SendersConfig["mode"];
export type SenderPresetId = SendersConfig["presets"][number];

/** `GET /api/sender-presets`: providers that publish where their webhooks come from, and when the shipped list was checked. */
export interface SenderPresetCatalogue {
  /** YYYY-MM-DD. */
  checked: string;
  presets: SenderPresetInfo[];
}

/** `PATCH /api/bins/<binId>`: every part optional; only the parts given change. */
export interface BinPatch {
  settings?: {
    response?: ResponseConfig;
    rules?: ResponseRule[];
    cors?: CorsConfig;
    forward?: ForwardConfig;
    auth?: DeliveryAuthConfig;
    sources?: Partial<SendersConfig>;
  };
  expiresAt?: string | null;
  maxRequests?: number;
}

export interface ReplayBody {
  targetUrl: string;
  method?: string;
  headers?: HeaderPair[];
  bodyText?: string;
  followRedirects?: boolean;
}

/** `POST /api/bins/<binId>/forwarders/<name>/send`: the edits as in a replay, without a target (the CLI has its own). */
export interface ForwarderPush {
  requestId: string;
  method?: string;
  headers?: HeaderPair[];
  bodyText?: string;
}

/** `GET /api/bins/<binId>/forwarders` */
export interface ForwarderList {
  forwarders: ForwarderInfo[];
  /** Captures retention removed before every forwarder had delivered them. */
  undeliveredDropped: { count: number; at: string | null };
}

export interface DeliveryList {
  deliveries: DeliveryDetail[];
}

/** The verdict's details, exactly as the verifiers report them (the expected signature only for the owner). */
export type VerificationDetails = VerdictDetails;

/**
 * `GET /api/bins/<binId>/requests/<requestId>/verification` (RequestVerification in lib/services/verification.ts):
 * the verdict in one word (`status`) and in its two dimensions, `signature` and `freshness`.
 */
export interface Verification extends Pick<Verdict, "status" | "signature" | "freshness" | "reason"> {
  scheme: string | null;
  details?: VerificationDetails;
  /** Id of an earlier request carrying the same delivery id: a provider retry or a replay. */
  duplicateOf: string | null;
  /** Why the request failed the bin's delivery auth (it was refused with 401, or only flagged); null when it passed. */
  authFailure: string | null;
  /** Why the sender's address is outside the bin's allow-list (it was refused with 403, or only flagged); null when inside or off. */
  sourceFailure: string | null;
  /** Arrived over plain HTTP (the socket, or X-Forwarded-Proto with TRUST_PROXY). */
  plainHttp: boolean;
}

export interface SignatureScheme {
  id: string;
  name: string;
  secret: { label: string; example: string; kind: string };
  headers: string[];
  /** The timestamp window in words, when the scheme has one. */
  window?: string | null;
  /** The provider signs the URL too, so the URL it called must reach the bin unchanged. */
  signsUrl?: boolean;
}

export interface GenericHmacOptionsInput {
  algorithm: "sha1" | "sha256" | "sha512";
  header: string;
  prefix?: string;
  encoding: "hex" | "base64";
  template?: string;
  timestampHeader?: string;
  idHeader?: string;
  /** How the secret text becomes the HMAC key; utf8 when left out. */
  secretEncoding?: "utf8" | "base64" | "hex";
}

export interface StoredSecret {
  id: string;
  scheme: string;
  /** e.g. `whsec_••••abcd`: the value itself never comes back. */
  masked: string;
  toleranceSeconds?: number;
  options?: Partial<GenericHmacOptionsInput> & Record<string, unknown>;
  /** For schemes that sign the URL: the public URL the provider was given for this bin. */
  signedUrl?: SecretConfig["signedUrl"];
}

export interface NewSecret {
  scheme: string;
  secret: string;
  toleranceSeconds?: number;
  options?: GenericHmacOptionsInput;
  /** The public URL the provider was given for this bin, without query: the captured subpath and query are appended. */
  signedUrl?: SecretConfig["signedUrl"];
}

/** The scheme id under which the delivery-auth credential is stored with the signing secrets. */
export const DELIVERY_AUTH_SCHEME = "delivery-auth";

/** The server calls it "generic-hmac"; the first draft of the contract said "generic". */
export function isGenericScheme(id: string): boolean {
  return id === "generic" || id === "generic-hmac";
}
