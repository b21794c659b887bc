import { parseStoredSettings } from "@/lib/shared/settings/settings";
import { joinTargetUrl } from "@/lib/server/outbound/send";
import { getBin } from "@/lib/server/queries/bins";
import * as deliveries from "@/lib/server/queries/deliveries";
import { subscribe } from "@/lib/server/realtime/bus";
import { runDueDelivery } from "@/lib/server/services/deliveries";
import { errorMessage } from "@/lib/shared/errors";

const MATERIALIZE_BATCH = 100;
const CONCURRENCY = 8;

/**
 * Turns captures flagged for forwarding into deliveries. The flag is written with the capture
 * itself, so a crash between commit and this step loses nothing; delivery ids derive from the
 * request id, so doing this twice after a crash creates nothing twice.
 */
export async function materializeForwards(now: Date = new Date()): Promise<number> {
  const pending = await deliveries.pendingForwards(MATERIALIZE_BATCH);
  const binsById = new Map<string, { forward: ReturnType<typeof parseStoredSettings>["forward"]; forwardRole: string } | null>();
  for (const request of pending) {
    if (!binsById.has(request.binId)) {
      const bin = await getBin(request.binId);
      binsById.set(request.binId, bin ? { forward: parseStoredSettings(bin.settings).forward, forwardRole: bin.forwardRole } : null);
    }
    const bin = binsById.get(request.binId);
    const forward = bin?.forward;
    if (!bin || !forward?.enabled || !forward.url) continue;
    await deliveries.createDelivery({
      id: `fwd-${request.id}`,
      binId: request.binId,
      requestId: request.id,
      kind: "forward",
      targetUrl: joinTargetUrl(forward.url, request.path, request.query),
      method: request.method,
      headers: request.headers,
      body: request.body,
      status: "pending",
      maxAttempts: forward.maxAttempts,
      nextAttemptAt: now,
      senderRole: bin.forwardRole,
    });
  }
  if (pending.length > 0) await deliveries.clearForwardPending(pending.map((request) => request.id));
  return pending.length;
}

const DUE_BATCH = CONCURRENCY * 8;

/**
 * One pass: queue new forwards, resume interrupted ones, and send everything due as of `now`,
 * CONCURRENCY at a time (a slow target holds one slot, not a whole chunk).
 */
export async function forwardOnce(now: Date = new Date()): Promise<number> {
  while ((await materializeForwards(now)) === MATERIALIZE_BATCH);
  await deliveries.releaseExpiredLeases(now);
  let sent = 0;
  for (;;) {
    const due = await deliveries.dueDeliveryIds(now, DUE_BATCH);
    let next = 0;
    const worker = async () => {
      while (next < due.length) if (await runDueDelivery(due[next++]!, now)) sent++;
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    // A full batch means more may be due: go on now rather than at the next timer tick.
    if (due.length < DUE_BATCH) return sent;
  }
}

/**
 * Runs forwarding in the background: woken at once when a capture needs forwarding, and on a timer
 * for retries. Sending never holds up capture: the sender already has its answer.
 */
export function startForwarder(pollMs: number): () => void {
  let running = false;
  let again = false;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    forwardOnce()
      .catch((error: unknown) => console.error("forwarder: pass failed:", errorMessage(error)))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          setImmediate(tick);
        }
      });
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  const unsubscribe = subscribe("forward.queued", tick);
  setImmediate(tick);
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
