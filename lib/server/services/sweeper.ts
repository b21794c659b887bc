import { deleteBinIfExpired, expiredBinIds, isBinExpired } from "@/lib/server/queries/bins";
import { deleteAllRequests } from "@/lib/server/queries/requests";
import { deleteExpiredSessions } from "@/lib/server/queries/users";
import { publish } from "@/lib/server/realtime/bus";
import { errorMessage } from "@/lib/shared/errors";

const CHUNK = 100;

/**
 * Removes every bin whose expiry has passed by `now`, yielding to the event loop between bins. A bin's
 * requests go first in paced chunks, as when its owner removes it: one cascading delete of a big bin held
 * SQLite's only write lock, and so every capture, for about a minute per million requests. An owner who
 * moves the expiry on meanwhile keeps the bin (and the requests not deleted yet). Returns the ids removed.
 */
export async function sweepExpiredBins(now: Date = new Date()): Promise<string[]> {
  const removed: string[] = [];
  while (true) {
    const ids = await expiredBinIds(now, CHUNK);
    for (const binId of ids) {
      await deleteAllRequests(binId, () => isBinExpired(binId, now));
      if (!(await deleteBinIfExpired(binId, now))) continue;
      publish("bin.deleted", { binId });
      removed.push(binId);
    }
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
