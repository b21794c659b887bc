/** Longest wait between two attempts, whatever the target's Retry-After says. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with jitter: base·2^(n-1), capped, then a random point in its upper half, so
 * that deliveries failing together do not retry together.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function retryAfterDelay(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_RETRY_DELAY_MS, Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.min(MAX_RETRY_DELAY_MS, Math.max(0, at - now));
}

/** Network errors, 5xx and 429 may pass with time; any other answer will not. */
export function isRetryable(outcome: { status: number | null; errorCode: string | null }): boolean {
  if (outcome.errorCode !== null) return outcome.errorCode !== "blocked_target" && outcome.errorCode !== "invalid_url";
  return outcome.status !== null && (outcome.status >= 500 || outcome.status === 429);
}
