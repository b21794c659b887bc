import { EventEmitter } from "node:events";
import type { DeliverySummary, RequestSummary } from "@/lib/api-types";

/** What services announce after a change is committed; server/realtime.ts turns it into socket events. */
export interface BusEvents {
  "request.captured": RequestSummary;
  "request.deleted": { binId: string; requestId: string };
  "bin.cleared": { binId: string };
  "bin.deleted": { binId: string };
  /** The share token changed: viewers who joined with the old one must be let go. */
  "bin.shareRevoked": { binId: string };
  /** Stored verdicts were re-checked (a secret changed): lists must reload. */
  "bin.verdictsChanged": { binId: string };
  /** A capture was stored with forwarding due: wakes the forwarder. */
  "forward.queued": Record<string, never>;
  "delivery.updated": DeliverySummary;
}

type Listener<K extends keyof BusEvents> = (payload: BusEvents[K]) => void;

const GLOBAL_KEY = Symbol.for("hookscope.bus");

/**
 * Kept on globalThis: Next's route bundles and the custom server load this module separately, and
 * both must talk to the one emitter the socket server listens on.
 */
function emitter(): EventEmitter {
  const holder = globalThis as { [GLOBAL_KEY]?: EventEmitter };
  if (!holder[GLOBAL_KEY]) {
    const created = new EventEmitter();
    created.setMaxListeners(0);
    holder[GLOBAL_KEY] = created;
  }
  return holder[GLOBAL_KEY];
}

export function publish<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void {
  emitter().emit(event, payload);
}

export function subscribe<K extends keyof BusEvents>(event: K, listener: Listener<K>): () => void {
  emitter().on(event, listener);
  return () => emitter().off(event, listener);
}
