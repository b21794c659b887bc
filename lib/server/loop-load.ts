// Background work (search indexing, shape learning) yields to capture: it measures how busy the main
// thread was since its last look, leaving out the time it spent itself.
import { performance, type EventLoopUtilization } from "node:perf_hooks";

export interface LoopLoad {
  /** Main-thread time the background work spent, to leave out of the next reading. */
  spent(ms: number): void;
  /** Share of the time since the last reading the main thread was busy with other work (0 to 1). */
  othersShare(): number;
}

export function loopLoad(): LoopLoad {
  let ownMs = 0;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return {
    spent: (ms) => {
      ownMs += ms;
    },
    othersShare: () => {
      const loop = performance.eventLoopUtilization(last);
      last = performance.eventLoopUtilization();
      const share = Math.max(0, loop.active - ownMs) / Math.max(1, loop.active + loop.idle);
      ownMs = 0;
      return share;
    },
  };
}
