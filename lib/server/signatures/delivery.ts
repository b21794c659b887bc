import { field, type Json, RequestView } from "./request";

export interface DeliveryId {
  /** Where the id was read: a header name, or a body path with the provider's name. */
  source: string;
  value: string;
}

/**
 * Headers that name one delivery and stay the same when the provider retries it, most specific
 * first. Each is unique to its provider, so no detection is needed to trust it.
 */
const DELIVERY_HEADERS = [
  "X-GitHub-Delivery",
  "webhook-id",
  "svix-id",
  "Twitch-Eventsub-Message-Id",
  "X-Shopify-Webhook-Id",
  "shopify-webhook-id",
  "Linear-Delivery",
  "X-WC-Webhook-Delivery-ID",
  "I-Twilio-Idempotency-Token",
] as const;

/**
 * Providers that put the event id only in the body; read only when the provider's signature header
 * is there, because an "id" field in an arbitrary JSON body says nothing about duplicates.
 */
const BODY_IDS: { when: string; path: string[]; source: string }[] = [
  { when: "Stripe-Signature", path: ["id"], source: "body.id (Stripe event)" },
  { when: "Paddle-Signature", path: ["notification_id"], source: "body.notification_id (Paddle)" },
  { when: "Paddle-Signature", path: ["event_id"], source: "body.event_id (Paddle)" },
  { when: "X-Slack-Signature", path: ["event_id"], source: "body.event_id (Slack Events API)" },
  { when: "x-square-hmacsha256-signature", path: ["event_id"], source: "body.event_id (Square)" },
  { when: "x-square-signature", path: ["event_id"], source: "body.event_id (Square)" },
  { when: "Typeform-Signature", path: ["event_id"], source: "body.event_id (Typeform)" },
  { when: "X-Signature-Ed25519", path: ["id"], source: "body.id (Discord interaction)" },
  { when: "X-Telegram-Bot-Api-Secret-Token", path: ["update_id"], source: "body.update_id (Telegram)" },
];

/** Generic ids, used only when nothing provider-specific is there. */
const FALLBACK_HEADERS = ["Idempotency-Key", "X-Gitlab-Event-UUID", "Request-ID", "X-Request-Id"] as const;

const MAX_ID_LENGTH = 256;

function usable(value: Json | string | undefined): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim();
  return text && text.length <= MAX_ID_LENGTH ? text : undefined;
}

/**
 * The provider's id for this delivery, for spotting the same webhook captured twice (retries,
 * redeliveries). Order: provider delivery headers, then provider event ids from the body (Stripe,
 * Paddle, Slack, Square, Typeform, Discord, Telegram, Mailgun), then Idempotency-Key, GitLab's
 * event UUID, and X-Request-Id last because proxies add it to every request.
 */
export function deliveryId(headers: [string, string][], body: Uint8Array): DeliveryId | null {
  return deliveryIdIn(new RequestView({ method: "POST", url: "", headers, body, receivedAt: 0 }));
}

/** deliveryId of a view the caller already holds (capture reads one request through one view). */
export function deliveryIdIn(req: RequestView): DeliveryId | null {
  for (const name of DELIVERY_HEADERS) {
    const value = usable(req.header(name));
    if (value) return { source: name, value };
  }
  for (const rule of BODY_IDS) {
    if (!req.has(rule.when)) continue;
    const value = usable(field(req.json(), ...rule.path));
    if (value) return { source: rule.source, value };
  }
  const mailgunEvent = usable(field(req.json(), "event-data", "id"));
  if (mailgunEvent && field(req.json(), "signature", "token") !== undefined) {
    return { source: "body.event-data.id (Mailgun)", value: mailgunEvent };
  }
  for (const name of FALLBACK_HEADERS) {
    const value = usable(req.header(name));
    if (value) return { source: name, value };
  }
  return null;
}
