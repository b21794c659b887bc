import type { ForwarderAnswer } from "@/lib/shared/api-types";
import { publish, subscribe } from "@/lib/server/realtime/bus";

const GLOBAL_KEY = Symbol.for("hookscope.forwardAnswers");
type Waiters = Map<string, (answer: ForwarderAnswer) => void>;

/**
 * On globalThis, like the bus: the capture path (custom server) waits here, and the reports route
 * (a Next bundle) answers. Answers also arrive from other instances through the bus relay.
 */
function waiters(): Waiters {
  const holder = globalThis as { [GLOBAL_KEY]?: Waiters };
  if (!holder[GLOBAL_KEY]) {
    const created: Waiters = new Map();
    holder[GLOBAL_KEY] = created;
    subscribe("forwarder.answered", ({ waitKey, answer }) => created.get(waitKey)?.(answer));
  }
  return holder[GLOBAL_KEY];
}

/**
 * Resolves with the forwarder's answer for `waitKey`, or null after `timeoutMs`. Call it before the
 * work that leads to the answer can start, so the answer cannot arrive unheard.
 */
export function expectAnswer(waitKey: string, timeoutMs: number): Promise<ForwarderAnswer | null> {
  const registry = waiters();
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(null), timeoutMs);
    function settle(answer: ForwarderAnswer | null) {
      clearTimeout(timer);
      if (registry.get(waitKey) === settle) registry.delete(waitKey);
      resolve(answer);
    }
    registry.set(waitKey, settle);
  });
}

export function deliverAnswer(waitKey: string, answer: ForwarderAnswer): void {
  publish("forwarder.answered", { waitKey, answer });
}
