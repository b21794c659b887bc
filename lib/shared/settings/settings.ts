import { z } from "zod";
import { ValidationError } from "@/lib/shared/errors";
import { SourcesSchema } from "@/lib/shared/settings/sources";
import { parseJsonPath } from "@/lib/shared/json-path";
import { ORIGIN_BOUND_HEADERS } from "@/lib/shared/origin-headers";

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers a bin may not set: they describe the message framing, which the server owns. */
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer", "te"]);

// Here rather than beside the check (delivery-auth.ts): that module needs node:crypto, and the
// settings schema is part of the API contract the browser reads too.
export const DeliveryAuthSchema = z.object({
  /** none; query: `?auth=<token>`; basic: HTTP Basic `user:password`; header: a header carrying the token. */
  mode: z.enum(["none", "query", "basic", "header"]).default("none"),
  headerName: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "headerName is a header name without spaces")
    .default("X-Webhook-Token"),
  /** reject: answer 401 (the request is still listed, marked rejected); flag: accept and mark it. */
  onFailure: z.enum(["reject", "flag"]).default("reject"),
});

export type DeliveryAuth = z.infer<typeof DeliveryAuthSchema>;

export const MAX_RESPONSE_BODY_BYTES = 256 * 1024;
export const MAX_DELAY_MS = 30_000;

const StatusCode = z
  .number({ error: "status must be a number" })
  .int("status must be a whole number")
  // 1xx are interim answers: they cannot end a response.
  .min(200, "status must be between 200 and 599")
  .max(599, "status must be between 200 and 599");

const HeaderPair = z.tuple([
  z
    .string()
    .regex(HEADER_NAME, "a header name may only contain letters, digits and !#$%&'*+-.^_`|~ (no spaces or colons)")
    .refine((name) => !FRAMING_HEADERS.has(name.toLowerCase()), "Content-Length, Transfer-Encoding, Connection and other framing headers are set by the server")
    .refine(
      (name) => !ORIGIN_BOUND_HEADERS.has(name.toLowerCase()),
      "Set-Cookie, Clear-Site-Data, Service-Worker-Allowed and Content-Security-Policy cannot be answered from a capture URL: it shares Hookscope's own origin",
    ),
  z
    .string()
    .max(8192, "a header value may be at most 8192 characters")
    .refine((value) => !/[\r\n\0]/.test(value), "a header value may not contain line breaks"),
]);

export const ResponseSchema = z.object({
  status: StatusCode.default(200),
  contentType: z.string().max(200).default("application/json; charset=utf-8"),
  headers: z.array(HeaderPair).max(50, "at most 50 response headers").default([]),
  /** null: the default `{"ok":true,"id":...}` answer. */
  body: z
    .string()
    .refine((body) => Buffer.byteLength(body) <= MAX_RESPONSE_BODY_BYTES, `the response body may be at most ${MAX_RESPONSE_BODY_BYTES / 1024} KiB`)
    .nullable()
    .default(null),
  delayMs: z
    .number({ error: "delayMs must be a number" })
    .int()
    .min(0, "delayMs cannot be negative")
    .max(MAX_DELAY_MS, `delayMs may be at most ${MAX_DELAY_MS} (30 s)`)
    .default(0),
});

const Count = z.number().int().min(1, "n must be 1 or more").max(1_000_000_000);

/** Which requests a rule applies to, counted from when the rules were saved (the 1st request after saving is n = 1). */
export const WhenSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("always") }),
  z.object({ kind: z.literal("nth"), n: Count }),
  z.object({ kind: z.literal("every_nth"), n: Count }),
  z.object({ kind: z.literal("after"), n: Count }),
  z.object({ kind: z.literal("percent"), percent: z.number().min(0, "percent is 0 to 100").max(100, "percent is 0 to 100") }),
]);

export const ActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("status"), status: StatusCode, body: z.string().max(MAX_RESPONSE_BODY_BYTES).nullable().default(null) }),
  z.object({ kind: z.literal("rate_limit"), retryAfterSeconds: z.number().int().min(0).max(86_400).default(30) }),
  z.object({ kind: z.literal("gone") }),
  /** Never answer: the sender waits until its own timeout (the server lets go after HOLD_MAX_MS). */
  z.object({ kind: z.literal("hold") }),
]);

export const RuleSchema = z.object({
  name: z.string().max(80).optional(),
  when: WhenSchema,
  action: ActionSchema,
});

export const CorsSchema = z.object({
  enabled: z.boolean().default(false),
  /** "*" or one exact origin such as https://app.example.com. */
  allowOrigin: z
    .string()
    .refine((origin) => origin === "*" || /^https?:\/\/[^/\s]+$/.test(origin), 'allowOrigin is "*" or an origin like https://app.example.com')
    .default("*"),
});

export const TargetUrl = z
  .string()
  .max(2048)
  .refine((url) => {
    try {
      return ["http:", "https:"].includes(new URL(url).protocol);
    } catch {
      return false;
    }
  }, "a target is an http:// or https:// URL such as https://example.com/webhooks");

export const MAX_FORWARD_ATTEMPTS = 20;

export const ForwardSchema = z.object({
  enabled: z.boolean().default(false),
  /** Each capture's subpath and query are appended to it. */
  url: TargetUrl.nullable().default(null),
  maxAttempts: z.number().int().min(1, "maxAttempts is at least 1").max(MAX_FORWARD_ATTEMPTS, `maxAttempts is at most ${MAX_FORWARD_ATTEMPTS}`).default(6),
});

/** Where this bin's senders name their event type, for senders no provider rule recognises. */
export const EventTypePathSchema = z
  .string()
  .trim()
  .min(1, "eventTypePath is a path such as event.kind or $.meta.type")
  .max(200, "eventTypePath may be at most 200 characters")
  .refine((path) => parseJsonPath(path) !== null, "eventTypePath is a path such as event.kind, $.meta.type or items[0].type")
  .nullable();

export const BinSettingsSchema = z.object({
  response: ResponseSchema.default(ResponseSchema.parse({})),
  rules: z.array(RuleSchema).max(20, "at most 20 rules").default([]),
  /** Bin.captureCount when the rules were saved: rule counts start after it. */
  rulesBase: z.number().int().min(0).default(0),
  cors: CorsSchema.default(CorsSchema.parse({})),
  forward: ForwardSchema.default(ForwardSchema.parse({})),
  auth: DeliveryAuthSchema.default(DeliveryAuthSchema.parse({})),
  sources: SourcesSchema.default(SourcesSchema.parse({})),
  /** The last URL a request of this bin was replayed to, offered for the next replay. */
  lastReplayTarget: z.string().nullable().default(null),
  eventTypePath: EventTypePathSchema.default(null),
});

export type ResponseSettings = z.infer<typeof ResponseSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type BinSettings = z.infer<typeof BinSettingsSchema>;

/** What an owner may send to change settings: every part optional, unknown keys refused. */
export const SettingsPatchSchema = z
  .object({
    response: ResponseSchema.partial().strict().optional(),
    rules: z.array(RuleSchema).max(20, "at most 20 rules").optional(),
    cors: CorsSchema.partial().strict().optional(),
    forward: ForwardSchema.partial().strict().optional(),
    auth: DeliveryAuthSchema.partial().strict().optional(),
    sources: SourcesSchema.partial().strict().optional(),
    eventTypePath: EventTypePathSchema.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: BinSettings = BinSettingsSchema.parse({});

/** Stored settings are validated on the way in; a row that no longer parses falls back to defaults rather than breaking capture. */
export function parseStoredSettings(json: string): BinSettings {
  try {
    const parsed = BinSettingsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Applies a validated patch; saving rules restarts their count at the bin's current capture count. */
export function applySettingsPatch(current: BinSettings, patch: SettingsPatch, captureCount: number): BinSettings {
  const forward = { ...current.forward, ...patch.forward };
  if (forward.enabled && !forward.url) throw new ValidationError("settings.forward.url: set a URL to forward to before enabling forwarding");
  const sources = { ...current.sources, ...patch.sources };
  if (sources.mode !== "off" && sources.allow.length === 0 && sources.presets.length === 0) {
    throw new ValidationError(`settings.sources.allow: add an address, a range or a preset before turning the sender allow-list to ${sources.mode}`);
  }
  return BinSettingsSchema.parse({
    response: { ...current.response, ...patch.response },
    rules: patch.rules ?? current.rules,
    rulesBase: patch.rules ? captureCount : current.rulesBase,
    cors: { ...current.cors, ...patch.cors },
    forward,
    auth: { ...current.auth, ...patch.auth },
    sources,
    lastReplayTarget: current.lastReplayTarget,
    eventTypePath: patch.eventTypePath === undefined ? current.eventTypePath : patch.eventTypePath,
  });
}
