// Which kind of event a captured request is: what its shape is learnt and compared under. Pure:
// headers and the parsed body in, a name out, so capture calls it once per row at no I/O cost.
import { headerValue } from "@/lib/shared/headers";
import { UNTYPED_EVENT } from "@/lib/shared/contract";
import { valueAt } from "@/lib/shared/json-path";

/** Names are shown in a column and used as a key: long or odd ones are cut, not refused. */
const MAX_TYPE_LENGTH = 120;

export interface EventTypeInput {
  headers: readonly [string, string][];
  /** The parsed JSON body (for Slack's interactive form posts, its `payload` field). */
  json: unknown;
  /** The bin's own path to its senders' type field, parsed; null when unset. */
  typePath: readonly (string | number)[] | null;
}

function field(json: unknown, name: string): unknown {
  return json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function clean(name: string): string {
  // Control characters would break the list and the filter's URL; nothing legitimate carries them.
  return (
    name
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
      .slice(0, MAX_TYPE_LENGTH) || UNTYPED_EVENT
  );
}

/**
 * Providers recognised by a header or body field only they send, in order; each returns the event
 * type or undefined when the request is not theirs.
 */
const PROVIDERS: ((headers: readonly [string, string][], json: unknown) => string | undefined)[] = [
  // GitHub: the event in X-GitHub-Event, refined by the payload's action ("pull_request.opened").
  (headers, json) => {
    const event = text(headerValue(headers, "x-github-event"));
    if (!event) return undefined;
    const action = text(field(json, "action"));
    return action ? `${event}.${action}` : event;
  },
  // GitLab: X-Gitlab-Event names the hook ("Merge Request Hook"); object_kind and the action refine it.
  (headers, json) => {
    const event = text(headerValue(headers, "x-gitlab-event"));
    if (!event) return undefined;
    const kind = text(field(json, "object_kind")) ?? event;
    const action = text(field(field(json, "object_attributes"), "action"));
    return action ? `${kind}.${action}` : kind;
  },
  // Shopify: the topic header ("orders/create").
  (headers) => text(headerValue(headers, "x-shopify-topic")),
  // Bitbucket Cloud: X-Event-Key ("repo:push").
  (headers) => text(headerValue(headers, "x-event-key")),
  // Linear: Linear-Event names the model, the payload's action what happened ("Issue.create").
  (headers, json) => {
    const event = text(headerValue(headers, "linear-event"));
    if (!event) return undefined;
    const action = text(field(json, "action"));
    return action ? `${event}.${action}` : event;
  },
  // Slack: Events API callbacks carry the inner event's type; the URL check and interactive payloads their own.
  (headers, json) => {
    const type = text(field(json, "type"));
    if (!type) return undefined;
    if (type === "event_callback") return text(field(field(json, "event"), "type")) ?? type;
    const fromSlack = headerValue(headers, "x-slack-signature") !== undefined || text(field(json, "api_app_id")) !== undefined;
    return fromSlack ? type : undefined;
  },
  // Stripe: an Event object ({"object": "event", "type": "charge.succeeded"}), signed or not.
  (headers, json) => {
    const type = text(field(json, "type"));
    if (!type) return undefined;
    return field(json, "object") === "event" || headerValue(headers, "stripe-signature") !== undefined ? type : undefined;
  },
  // Paddle Billing: notifications name their type in event_type.
  (headers, json) => (headerValue(headers, "paddle-signature") !== undefined ? text(field(json, "event_type")) : undefined),
  // Standard Webhooks (and Svix, which it grew from): a webhook-id header and the payload's type.
  (headers, json) => {
    const signed = headerValue(headers, "webhook-id") !== undefined || headerValue(headers, "svix-id") !== undefined;
    return signed ? text(field(json, "type")) : undefined;
  },
];

/**
 * The event type of a JSON request: a recognised provider's name for it, else the value at the
 * bin's type path (a string, number or boolean), else "untyped".
 */
export function eventTypeOf({ headers, json, typePath }: EventTypeInput): string {
  for (const provider of PROVIDERS) {
    const type = provider(headers, json);
    if (type !== undefined) return clean(type);
  }
  if (typePath) {
    const { found, value } = valueAt(json, typePath);
    if (found && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) return clean(String(value));
  }
  return UNTYPED_EVENT;
}
