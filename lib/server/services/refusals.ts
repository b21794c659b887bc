import { addRefusals, type RefusalReason } from "@/lib/server/queries/bins";
import { publish } from "@/lib/server/realtime/bus";
import { errorMessage } from "@/lib/shared/errors";

// Refusals are counted in memory and written once a second: a flood of 429s must not turn into a
// flood of writes, which is what the refusal protects against.
const FLUSH_MS = 1000;

const pending = new Map<string, Partial<Record<RefusalReason, number>>>();
let timer: NodeJS.Timeout | null = null;

/** Counts a request the sender was refused, for the bin's tally (shown to whoever inspects the bin). */
export function countRefusal(binId: string, reason: RefusalReason): void {
  const counts = pending.get(binId) ?? {};
  counts[reason] = (counts[reason] ?? 0) + 1;
  pending.set(binId, counts);
  if (!timer) {
    timer = setTimeout(() => void flushRefusals(), FLUSH_MS);
    timer.unref();
  }
}

export async function flushRefusals(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending];
  pending.clear();
  const at = new Date();
  for (const [binId, counts] of batch) {
    try {
      await addRefusals(binId, counts, at);
      announceTally(binId);
    } catch (error) {
      console.error("refusals: could not count refusals:", errorMessage(error));
    }
  }
}

const announced = new Map<string, NodeJS.Timeout>();

/** Tells the bin's viewers its counts changed, at most once a second per bin (a burst of prunes is one event). */
export function announceTally(binId: string): void {
  if (announced.has(binId)) return;
  const timer = setTimeout(() => {
    announced.delete(binId);
    publish("bin.tallyChanged", { binId });
  }, FLUSH_MS);
  timer.unref();
  announced.set(binId, timer);
}
