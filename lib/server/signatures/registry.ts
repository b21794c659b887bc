import type { SchemeModule, SecretInfo } from "./scheme";
import { discord } from "./schemes/discord";
import { genericHmac } from "./schemes/generic";
import { hubspot } from "./schemes/hubspot";
import { bitbucket, github, intercom, meta } from "./schemes/hub";
import { linear } from "./schemes/linear";
import { mailgun } from "./schemes/mailgun";
import { paddle } from "./schemes/paddle";
import { sendgrid } from "./schemes/sendgrid";
import { sentry, shopify, typeform, vercel, woocommerce } from "./schemes/simple";
import { square } from "./schemes/square";
import { clerk, resend, standardWebhooks, svix } from "./schemes/standard-webhooks";
import { calendly, stripe } from "./schemes/timestamped-v1";
import { gitlab, telegram } from "./schemes/tokens";
import { twilio } from "./schemes/twilio";
import { twitch } from "./schemes/twitch";
import { slack, zoom } from "./schemes/v0";
import { zalo } from "./schemes/zalo";
import { SCHEME_IDS, type SchemeId } from "../../shared/signature-types";

const MODULES: Record<SchemeId, SchemeModule> = {
  github,
  stripe,
  slack,
  shopify,
  "standard-webhooks": standardWebhooks,
  svix,
  clerk,
  resend,
  twilio,
  square,
  paddle,
  meta,
  zalo,
  gitlab,
  discord,
  linear,
  intercom,
  zoom,
  twitch,
  hubspot,
  mailgun,
  sendgrid,
  typeform,
  calendly,
  woocommerce,
  bitbucket,
  sentry,
  vercel,
  telegram,
  "generic-hmac": genericHmac,
};

export function getScheme(id: SchemeId): SchemeModule {
  return MODULES[id];
}

/** Stored configurations can outlive a scheme; unknown ids are skipped rather than trusted. */
export function isSchemeId(id: string): id is SchemeId {
  return Object.hasOwn(MODULES, id);
}

export const SCHEME_MODULES: readonly SchemeModule[] = SCHEME_IDS.map((id) => MODULES[id]);

export interface SchemeInfo {
  id: SchemeId;
  name: string;
  secret: SecretInfo;
  /** Headers the scheme reads; empty when the signature travels in the body (Mailgun) or is configured (generic). */
  headers: readonly string[];
  /** The headers that carry the signature itself (their presence drives detection). */
  signatureHeaders: readonly string[];
  /** The timestamp window in words, when the scheme has one. */
  window: string | null;
  /** The provider signs the URL too, so the captured URL must be the one it called. */
  signsUrl: boolean;
}

/** The catalogue the UI lists when the owner picks a scheme. */
export const SCHEMES: readonly SchemeInfo[] = SCHEME_MODULES.map((module) => ({
  id: module.id,
  name: module.name,
  secret: module.secret,
  headers: module.headers,
  signatureHeaders: module.signatureHeaders,
  window: module.window ?? null,
  signsUrl: module.signsUrl ?? false,
}));
