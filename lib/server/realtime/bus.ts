import { EventEmitter } from "node:events";
import type { CheckedRequest, DeliverySummary, ForwarderAnswer, ReplayEdits, RequestSummary } from "@/lib/shared/api-types";

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
  /** The owner set, replaced or removed the event type's schema: verdicts read before are stale. */
  "bin.schemaChanged": { binId: string; eventType: string; removed: boolean };
  /** The background shape learner flagged these requests (lib/server/shapes/learner.ts). */
  "requests.checked": { binId: string; requests: CheckedRequest[] };
  /** The bin's counts changed in a way the list does not show (refusals, retention): reload them. */
  "bin.tallyChanged": { binId: string };
  /** A capture was stored with forwarding due: wakes the forwarder. */
  "forward.queued": Record<string, never>;
  "delivery.updated": DeliverySummary;
  /** Retention removed captures before a forwarder or auto-forward delivered them (the backlog cap). */
  "forwarder.dropped": { binId: string; count: number };
  /** A forwarder connected, went away, or changed: the owner's list of forwarders is stale. */
  "forwarder.changed": { binId: string };
  /** A newer connection took this forwarder over, or (connectionId null) it was deleted: the stream holding it must end. */
  "forwarder.takeover": { forwarderId: string; connectionId: string | null };
  /** Send this request through the forwarder's open stream to its local target (an inspector action). */
  "forwarder.push": { forwarderId: string; key: string; requestId: string; edits: ReplayEdits };
  /** What a forwarder's local target answered, for whoever waits on `waitKey` (a sender, an inspector action). */
  "forwarder.answered": { waitKey: string; answer: ForwarderAnswer };
  /** Sign-out: sockets opened with these sessions must be let go, on every instance. */
  "session.revoked": { sessionIds: string[] };
}

/** `remote`: the event happened on another instance of the cluster and was relayed here. */
export interface EventOrigin {
  remote: boolean;
}

type Listener<K extends keyof BusEvents> = (payload: BusEvents[K], origin: EventOrigin) => void;

const GLOBAL_KEY = Symbol.for("hookscope.bus");

// Listing each event once here is what lets the cluster relay forward all of them.
const EVENT_NAMES: Record<keyof BusEvents, true> = {
  "request.captured": true,
  "request.deleted": true,
  "bin.cleared": true,
  "bin.deleted": true,
  "bin.shareRevoked": true,
  "bin.verdictsChanged": true,
  "bin.schemaChanged": true,
  "requests.checked": true,
  "bin.tallyChanged": true,
  "forward.queued": true,
  "delivery.updated": true,
  "forwarder.dropped": true,
  "forwarder.changed": true,
  "forwarder.takeover": true,
  "forwarder.push": true,
  "forwarder.answered": true,
  "session.revoked": true,
};

export function isBusEvent(name: unknown): name is keyof BusEvents {
  return typeof name === "string" && Object.hasOwn(EVENT_NAMES, name);
}

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

export function publish<K extends keyof BusEvents>(event: K, payload: BusEvents[K], origin: EventOrigin = { remote: false }): void {
  emitter().emit(event, payload, origin);
}

/** Every event published here, for relaying to the other instances. */
export function subscribeAll(listener: (event: keyof BusEvents, payload: unknown, origin: EventOrigin) => void): () => void {
  const names = Object.keys(EVENT_NAMES) as (keyof BusEvents)[];
  const listeners = names.map((name) => {
    const relay = (payload: unknown, origin: EventOrigin) => listener(name, payload, origin);
    emitter().on(name, relay);
    return [name, relay] as const;
  });
  return () => listeners.forEach(([name, relay]) => emitter().off(name, relay));
}

export function subscribe<K extends keyof BusEvents>(event: K, listener: Listener<K>): () => void {
  emitter().on(event, listener);
  return () => emitter().off(event, listener);
}
