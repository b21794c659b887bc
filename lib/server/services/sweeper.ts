import { deleteExpiredBins } from "@/lib/server/queries/bins";
import { deleteExpiredSessions } from "@/lib/server/queries/users";
import { publish } from "@/lib/server/realtime/bus";
import { errorMessage } from "@/lib/shared/errors";

const CHUNK = 100;

/**
 * Removes every bin whose expiry has passed by `now`, a chunk at a time, yielding to the event loop
 * between chunks so that capture is never blocked behind a large sweep. Returns the ids removed.
 */
export async function sweepExpiredBins(now: Date = new Date()): Promise<string[]> {
  const removed: string[] = [];
  while (true) {
    const ids = await deleteExpiredBins(now, CHUNK);
    for (const binId of ids) publish("bin.deleted", { binId });
    removed.push(...ids);
    if (ids.length < CHUNK) return removed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs the sweep every `intervalMs`; returns a function that stops it. */
export function startSweeper(intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpiredBins()
      .then((ids) => ids.length > 0 && console.log(`sweeper: removed ${ids.length} expired bin(s)`))
      // Expired sessions open nothing already (findSession checks); this only keeps the table small.
      .then(() => deleteExpiredSessions(new Date()))
      .catch((error: unknown) => console.error("sweeper: failed:", errorMessage(error)))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
