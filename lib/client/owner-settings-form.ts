// The bin settings form as the browser edits it: numbers stay text until saved (so a half-typed
// value is not lost), list rows carry keys that survive reordering, and a save sends only the
// sections that changed. That last point matters: saving rules restarts their request count.
import type { BinInfo } from "@/lib/shared/api-types";
import type { BinPatch, BinSettingsJson, CorsConfig, ForwardConfig, HeaderPair, ResponseConfig, ResponseRule, RuleAction, RuleWhen } from "./owner-types";

export const MAX_DELAY_MS = 30_000;
export const MAX_RESPONSE_BODY_BYTES = 256 * 1024;
export const MAX_FORWARD_ATTEMPTS = 20;
export const MAX_RULES = 20;
export const MAX_LIFETIME_DAYS = 365;
const DAY_MS = 86_400_000;

/** RFC 9110 token characters, as the server checks them. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer", "te"]);

let lastKey = 0;
/** Row identity for React lists that can be reordered; never sent to the server. */
export function newRowKey(): string {
  lastKey += 1;
  return `row${lastKey}`;
}

export interface PairRow {
  key: string;
  name: string;
  value: string;
}

export interface ResponseForm {
  status: string;
  contentType: string;
  headers: PairRow[];
  customBody: boolean;
  body: string;
  delayMs: string;
}

export type WhenKind = RuleWhen["kind"];
export type ActionKind = RuleAction["kind"];

export interface RuleForm {
  key: string;
  name: string;
  when: WhenKind;
  n: string;
  percent: string;
  action: ActionKind;
  status: string;
  customBody: boolean;
  body: string;
  retryAfterSeconds: string;
}

export interface CorsForm {
  enabled: boolean;
  allowOrigin: string;
}

export interface ForwardForm {
  enabled: boolean;
  url: string;
  maxAttempts: string;
}

export interface LifetimeForm {
  /** ISO time, or null for never. */
  expiresAt: string | null;
  maxRequests: string;
}

export interface SettingsForm {
  response: ResponseForm;
  rules: RuleForm[];
  cors: CorsForm;
  forward: ForwardForm;
  lifetime: LifetimeForm;
}

/** Field path (e.g. `response.status`, `rules.<rowKey>.n`) → message. */
export type FormErrors = Record<string, string>;

export function pairsToRows(pairs: readonly HeaderPair[]): PairRow[] {
  return pairs.map(([name, value]) => ({ key: newRowKey(), name, value }));
}

export function newRule(): RuleForm {
  return {
    key: newRowKey(),
    name: "",
    when: "nth",
    n: "1",
    percent: "50",
    action: "status",
    status: "503",
    customBody: false,
    body: "",
    retryAfterSeconds: "30",
  };
}

function ruleToForm(rule: ResponseRule): RuleForm {
  const form = newRule();
  form.name = rule.name ?? "";
  form.when = rule.when.kind;
  if ("n" in rule.when) form.n = String(rule.when.n);
  if (rule.when.kind === "percent") form.percent = String(rule.when.percent);
  form.action = rule.action.kind;
  if (rule.action.kind === "status") {
    form.status = String(rule.action.status);
    form.customBody = rule.action.body !== null;
    form.body = rule.action.body ?? "";
  }
  if (rule.action.kind === "rate_limit") form.retryAfterSeconds = String(rule.action.retryAfterSeconds);
  return form;
}

export function settingsToForm(settings: BinSettingsJson, info: BinInfo): SettingsForm {
  const { response, cors, forward } = settings;
  return {
    response: {
      status: String(response.status),
      contentType: response.contentType,
      headers: pairsToRows(response.headers),
      customBody: response.body !== null,
      body: response.body ?? "",
      delayMs: String(response.delayMs),
    },
    rules: settings.rules.map(ruleToForm),
    cors: { enabled: cors.enabled, allowOrigin: cors.allowOrigin },
    forward: { enabled: forward.enabled, url: forward.url ?? "", maxAttempts: String(forward.maxAttempts) },
    lifetime: { expiresAt: info.expiresAt, maxRequests: String(info.maxRequests) },
  };
}

/** A whole number typed as text; null when it is not one. */
function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

class Collector {
  readonly errors: FormErrors = {};
  add(path: string, message: string): void {
    this.errors[path] ??= message;
  }
  /** A whole number in [min, max], or undefined (with an error recorded). */
  whole(path: string, text: string, min: number, max: number, what: string): number | undefined {
    const value = wholeNumber(text);
    if (value === null || value < min || value > max) {
      this.add(path, `${what} must be a whole number from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }
}

export function headerNameProblem(name: string): string | null {
  if (!name.trim()) return "a header needs a name";
  if (!HEADER_NAME.test(name)) return "a header name may only contain letters, digits and !#$%&'*+-.^_`|~ (no spaces or colons)";
  if (FRAMING_HEADERS.has(name.toLowerCase())) return "framing headers (Content-Length, Transfer-Encoding, Connection…) are set by the server";
  return null;
}

function collectHeaders(c: Collector, prefix: string, rows: readonly PairRow[]): HeaderPair[] {
  // A row left completely empty is an unused slot, not a mistake.
  const used = rows.filter((row) => row.name !== "" || row.value !== "");
  for (const row of used) {
    const problem = headerNameProblem(row.name);
    if (problem) c.add(`${prefix}.${row.key}`, problem);
    else if (/[\r\n\0]/.test(row.value)) c.add(`${prefix}.${row.key}`, "a header value may not contain line breaks");
    else if (row.value.length > 8192) c.add(`${prefix}.${row.key}`, "a header value may be at most 8192 characters");
  }
  if (used.length > 50) c.add(prefix, "at most 50 response headers");
  return used.map((row) => [row.name, row.value]);
}

function collectBody(c: Collector, path: string, custom: boolean, body: string): string | null {
  if (!custom) return null;
  if (byteLength(body) > MAX_RESPONSE_BODY_BYTES) c.add(path, `the body may be at most ${MAX_RESPONSE_BODY_BYTES / 1024} KiB`);
  return body;
}

function collectResponse(c: Collector, form: ResponseForm): ResponseConfig {
  const status = c.whole("response.status", form.status, 200, 599, "Status");
  const delayMs = c.whole("response.delayMs", form.delayMs, 0, MAX_DELAY_MS, "Delay");
  if (form.contentType.length > 200) c.add("response.contentType", "the content type may be at most 200 characters");
  return {
    status: status ?? 200,
    contentType: form.contentType,
    headers: collectHeaders(c, "response.headers", form.headers),
    body: collectBody(c, "response.body", form.customBody, form.body),
    delayMs: delayMs ?? 0,
  };
}

function collectWhen(c: Collector, rule: RuleForm): RuleWhen {
  const path = `rules.${rule.key}`;
  if (rule.when === "always") return { kind: "always" };
  if (rule.when === "percent") {
    const percent = Number(rule.percent.trim());
    if (rule.percent.trim() === "" || !Number.isFinite(percent) || percent < 0 || percent > 100)
      c.add(`${path}.percent`, "Percent must be a number from 0 to 100");
    return { kind: "percent", percent };
  }
  return { kind: rule.when, n: c.whole(`${path}.n`, rule.n, 1, 1_000_000_000, "n") ?? 1 };
}

function collectAction(c: Collector, rule: RuleForm): RuleAction {
  const path = `rules.${rule.key}`;
  switch (rule.action) {
    case "status":
      return {
        kind: "status",
        status: c.whole(`${path}.status`, rule.status, 200, 599, "Status") ?? 200,
        body: collectBody(c, `${path}.body`, rule.customBody, rule.body),
      };
    case "rate_limit":
      return { kind: "rate_limit", retryAfterSeconds: c.whole(`${path}.retryAfterSeconds`, rule.retryAfterSeconds, 0, 86_400, "Retry-After") ?? 30 };
    case "gone":
      return { kind: "gone" };
    case "hold":
      return { kind: "hold" };
  }
}

function collectRules(c: Collector, rules: readonly RuleForm[]): ResponseRule[] {
  if (rules.length > MAX_RULES) c.add("rules", `at most ${MAX_RULES} rules`);
  return rules.map((rule) => {
    if (rule.name.length > 80) c.add(`rules.${rule.key}.name`, "a rule name may be at most 80 characters");
    const out: ResponseRule = { when: collectWhen(c, rule), action: collectAction(c, rule) };
    return rule.name.trim() ? { name: rule.name.trim(), ...out } : out;
  });
}

function collectCors(c: Collector, form: CorsForm): CorsConfig {
  const origin = form.allowOrigin.trim();
  if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin)) c.add("cors.allowOrigin", 'Allowed origin is "*" or an origin like https://app.example.com');
  return { enabled: form.enabled, allowOrigin: origin };
}

export function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function collectForward(c: Collector, form: ForwardForm): ForwardConfig {
  const url = form.url.trim();
  if (url && !isHttpUrl(url)) c.add("forward.url", "the target is an http:// or https:// URL such as https://example.com/webhooks");
  if (form.enabled && !url) c.add("forward.url", "set a URL to forward to before enabling forwarding");
  const maxAttempts = c.whole("forward.maxAttempts", form.maxAttempts, 1, MAX_FORWARD_ATTEMPTS, "Attempts");
  return { enabled: form.enabled, url: url || null, maxAttempts: maxAttempts ?? 6 };
}

function collectLifetime(c: Collector, form: LifetimeForm, now: number): { expiresAt: string | null; maxRequests: number } {
  if (form.expiresAt !== null) {
    const at = Date.parse(form.expiresAt);
    if (Number.isNaN(at) || at <= now) c.add("lifetime.expiresAt", "the expiry must be in the future");
    else if (at > now + MAX_LIFETIME_DAYS * DAY_MS) c.add("lifetime.expiresAt", `the expiry may be at most ${MAX_LIFETIME_DAYS} days ahead`);
  }
  return { expiresAt: form.expiresAt, maxRequests: c.whole("lifetime.maxRequests", form.maxRequests, 1, Number.MAX_SAFE_INTEGER, "Max requests") ?? 1 };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks the form and builds the PATCH body with only the sections that differ from `initial`.
 * `patch` is null when there are errors or nothing changed.
 */
export function buildSettingsPatch(form: SettingsForm, initial: SettingsForm, now: number = Date.now()): { errors: FormErrors; patch: BinPatch | null } {
  const c = new Collector();
  const response = collectResponse(c, form.response);
  const rules = collectRules(c, form.rules);
  const cors = collectCors(c, form.cors);
  const forward = collectForward(c, form.forward);
  const lifetime = collectLifetime(c, form.lifetime, now);
  if (Object.keys(c.errors).length > 0) return { errors: c.errors, patch: null };

  // The initial form came from the server, so it converts without errors.
  const base = new Collector();
  const settings: NonNullable<BinPatch["settings"]> = {};
  if (!same(response, collectResponse(base, initial.response))) settings.response = response;
  if (!same(rules, collectRules(base, initial.rules))) settings.rules = rules;
  if (!same(cors, collectCors(base, initial.cors))) settings.cors = cors;
  if (!same(forward, collectForward(base, initial.forward))) settings.forward = forward;
  const patch: BinPatch = {};
  if (Object.keys(settings).length > 0) patch.settings = settings;
  if (form.lifetime.expiresAt !== initial.lifetime.expiresAt) patch.expiresAt = lifetime.expiresAt;
  if (lifetime.maxRequests !== wholeNumber(initial.lifetime.maxRequests)) patch.maxRequests = lifetime.maxRequests;
  return { errors: {}, patch: Object.keys(patch).length > 0 ? patch : null };
}

/** Which part of the form a server message such as "settings.rules.0.when.n: ..." is about. */
export function sectionOfServerMessage(message: string): "response" | "rules" | "cors" | "forward" | "lifetime" | null {
  const match = /^\s*(?:settings\.)?(response|rules|cors|forward|expiresAt|maxRequests)\b/.exec(message);
  if (!match) return null;
  const name = match[1];
  return name === "expiresAt" || name === "maxRequests" ? "lifetime" : (name as "response" | "rules" | "cors" | "forward");
}

/** `days` past the current expiry (or past now, when it has passed or there is none). */
export function extendExpiry(current: string | null, days: number, now: number = Date.now()): string {
  const from = current === null ? now : Math.max(now, Date.parse(current) || now);
  return new Date(from + days * DAY_MS).toISOString();
}

/** The end of a day picked in an `<input type="date">` (local time): "expires on the 3rd" keeps the 3rd. */
export function endOfPickedDay(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 0, 0);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `yyyy-mm-dd` of an ISO time in local time, for an `<input type="date">`. */
export function toDateInputValue(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
};

/** A rule in words, e.g. "the 2nd request after saving → 503". Falls back gracefully while fields are half-typed. */
export function describeRule(rule: RuleForm): string {
  const n = wholeNumber(rule.n) ?? 0;
  const when =
    rule.when === "always"
      ? "every request"
      : rule.when === "nth"
        ? `the ${ordinal(n)} request after saving`
        : rule.when === "every_nth"
          ? `every ${n === 1 ? "" : `${ordinal(n)} `}request`
          : rule.when === "after"
            ? `every request after the ${ordinal(n)}`
            : `${rule.percent || "?"}% of requests at random`;
  const action =
    rule.action === "status"
      ? `answer ${rule.status || "?"}`
      : rule.action === "rate_limit"
        ? `429 with Retry-After: ${rule.retryAfterSeconds || "?"}`
        : rule.action === "gone"
          ? "410 Gone"
          : "hold the connection without answering";
  return `${when[0]?.toUpperCase() ?? ""}${when.slice(1)}: ${action}`;
}
