import { isTransient } from "./api";

export interface RetryOptions {
  /** Stop retrying (and throw the last error) once this says so, e.g. on Ctrl+C. */
  stopped: () => boolean;
  /** Called once per outage, with the first transient error, so the user hears about it once. */
  onOutage?: (error: unknown) => void;
  /** Called when a call succeeds after an outage. */
  onRecovered?: () => void;
}

const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 3000;

/**
 * Runs `call` until it succeeds or fails for a reason waiting will not fix: a server restart or a
 * dropped network must delay a delivery, never lose it.
 */
export async function untilDone<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  let delay = FIRST_DELAY_MS;
  let failing = false;
  for (;;) {
    try {
      const result = await call();
      if (failing) options.onRecovered?.();
      return result;
    } catch (error) {
      if (!isTransient(error) || options.stopped()) throw error;
      if (!failing) options.onOutage?.(error);
      failing = true;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    }
  }
}
