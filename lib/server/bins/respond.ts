import type { BinSettings, Rule } from "@/lib/shared/settings/settings";

/** How Hookscope answers one captured request. */
export interface ResponseDecision {
  status: number;
  /** Which rule chose this answer, in words; null for the bin's configured response. */
  rule: string | null;
  headers: [string, string][];
  contentType: string;
  /** null: the standard `{ ok, id }` body. */
  body: string | null;
  delayMs: number;
  /** Never answer; the sender's own timeout ends the exchange. */
  hold: boolean;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

function describeWhen(when: Rule["when"]): string {
  switch (when.kind) {
    case "always":
      return "every request";
    case "nth":
      return `the ${ordinal(when.n)} request`;
    case "every_nth":
      return `every ${ordinal(when.n)} request`;
    case "after":
      return `requests after the ${ordinal(when.n)}`;
    case "percent":
      return `${when.percent}% of requests`;
  }
}

function describeAction(action: Rule["action"]): string {
  switch (action.kind) {
    case "status":
      return `answer ${action.status}`;
    case "rate_limit":
      return `answer 429 (Retry-After ${action.retryAfterSeconds}s)`;
    case "gone":
      return "answer 410";
    case "hold":
      return "hold the connection";
  }
}

export function describeRule(rule: Rule, index: number): string {
  return rule.name?.trim() || `rule ${index + 1}: ${describeAction(rule.action)} on ${describeWhen(rule.when)}`;
}

function matches(when: Rule["when"], count: number, random: () => number): boolean {
  switch (when.kind) {
    case "always":
      return true;
    case "nth":
      return count === when.n;
    case "every_nth":
      return count % when.n === 0;
    case "after":
      return count > when.n;
    case "percent":
      return random() * 100 < when.percent;
  }
}

const JSON_TYPE = "application/json; charset=utf-8";

/** A trust check set to reject failed: the sender gets 403 (allow-list) or 401 (delivery auth); the request is still stored. */
export interface Rejection {
  check: "source" | "auth";
  status: 401 | 403;
  reason: string;
}

/** The rejection the bin's settings call for, the sender's address checked first; null when none. */
export function rejectionOf(settings: BinSettings, failures: { sourceFailure: string | null; authFailure: string | null }): Rejection | null {
  if (failures.sourceFailure && settings.sources.mode === "reject") return { check: "source", status: 403, reason: failures.sourceFailure };
  if (failures.authFailure && settings.auth.onFailure === "reject") return { check: "auth", status: 401, reason: failures.authFailure };
  return null;
}

/**
 * The answer for the request numbered `sequence` in its bin: the first rule that matches, else the
 * bin's configured response. Rules count from when they were saved.
 */
export function decideResponse(
  settings: BinSettings,
  sequence: number,
  request: { corsPreflight: boolean; rejection: Rejection | null },
  random: () => number = Math.random,
): ResponseDecision {
  const base = settings.response;
  // A browser's preflight is not the webhook itself: rules rehearse the delivery, not this check.
  if (settings.cors.enabled && request.corsPreflight) {
    return { status: 204, rule: "CORS preflight", headers: [], contentType: "", body: "", delayMs: 0, hold: false };
  }
  if (request.rejection) {
    const { status, check, reason } = request.rejection;
    return {
      status,
      rule: `${check === "auth" ? "delivery auth" : "sender allow-list"}: ${reason}`,
      headers: check === "auth" && settings.auth.mode === "basic" ? [["WWW-Authenticate", 'Basic realm="Hookscope bin"']] : [],
      contentType: JSON_TYPE,
      body: JSON.stringify({
        error: { code: check === "auth" ? "unauthorized" : "forbidden_source", message: `Rejected: ${reason}. The request is listed as rejected.` },
      }),
      delayMs: 0,
      hold: false,
    };
  }
  const count = sequence - settings.rulesBase;
  const index = settings.rules.findIndex((rule) => matches(rule.when, count, random));
  const rule = settings.rules[index];
  if (!rule) {
    return { status: base.status, rule: null, headers: base.headers, contentType: base.contentType, body: base.body, delayMs: base.delayMs, hold: false };
  }
  const label = describeRule(rule, index);
  const failure = (status: number, headers: [string, string][] = []): ResponseDecision => ({
    status,
    rule: label,
    headers,
    contentType: JSON_TYPE,
    body: JSON.stringify({ error: { code: "rehearsed_failure", message: `Hookscope answered ${status} as set by ${label}.` } }),
    delayMs: base.delayMs,
    hold: false,
  });
  switch (rule.action.kind) {
    case "status":
      return rule.action.body === null
        ? failure(rule.action.status)
        : { ...failure(rule.action.status), contentType: base.contentType, body: rule.action.body };
    case "rate_limit":
      return failure(429, [["Retry-After", String(rule.action.retryAfterSeconds)]]);
    case "gone":
      return failure(410);
    case "hold":
      return { ...failure(0), hold: true };
  }
}
