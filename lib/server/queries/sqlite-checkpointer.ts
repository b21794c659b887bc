import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { errorMessage } from "@/lib/shared/errors";

/**
 * The hot store's connection leaves WAL checkpoints to this worker thread. SQLite otherwise runs
 * one inside whichever commit pushes the WAL past 1,000 pages: copying those pages back into the
 * database file and syncing it, on the event loop, in the middle of a capture batch (about 8 µs
 * per capture under load, in the profile). A commit is complete and durable once it is in the
 * WAL, so moving the copy elsewhere changes nothing about what a 2xx promises.
 *
 * PASSIVE checkpoints never wait for the writer. If this thread stops or falls behind, the main
 * connection's own automatic checkpoint (raised to CHECKPOINT_FALLBACK_PAGES) still bounds the WAL.
 */
export const CHECKPOINT_FALLBACK_PAGES = 10_000;
const INTERVAL_MS = 200;
/**
 * Under a steady stream of commits no PASSIVE pass ends with the whole WAL copied: a pass copies what
 * was committed when it began, and a commit lands while it runs. SQLite starts the WAL over only when
 * a write finds it fully copied, so the WAL grew until the main connection's fallback copied it inside
 * a capture's commit (tens of MB during a clear). Once the WAL holds WAL_RESTART_FRAMES, a pass is
 * followed by more while each finds more than WAL_FINISH_FRAMES newly committed; the last holds the
 * write lock from a second connection while it copies the short rest. Nothing commits meanwhile, the
 * WAL ends fully copied and the next commit starts it over; a writer waits at most for that short copy.
 * It waits with the event loop free (writeLockReleased): SQLite's busy handler sleeps the calling thread,
 * and every capture, answer and live event of the process waited with it, about 18 ms a time.
 */
const WAL_RESTART_FRAMES = 4_096;
const WAL_FINISH_FRAMES = 512;
const CATCH_UP_PASSES = 4;
/** The longest a writer waits for the thread's lock off the event loop; its hold is a few ms (two fsyncs). */
const LOCK_WAIT_MS = 1000;

/** What one checkpoint did: WAL frames in the log (committed when it began) and how many of them are now in the database file. */
export interface CheckpointReport {
  logFrames: number;
  checkpointedFrames: number;
}

export interface Checkpointer {
  /**
   * Resolves after a pass that began after this call has copied what was committed before it, except
   * at most `frames` that readers still needed; at once when the thread has stopped. Bulk writers wait
   * on it between chunks, so that what they wrote is copied off the event loop and not by the main
   * connection's fallback inside a capture's commit.
   */
  caughtUp(frames: number): Promise<void>;
  /**
   * Null while the thread neither holds nor is taking the write lock; otherwise resolves once it has let
   * go (or after LOCK_WAIT_MS, when the caller's own busy timeout takes over). A writer on the event loop
   * awaits it before its transaction.
   */
  writeLockReleased(): Promise<void> | null;
  stop(): Promise<void>;
}

// Plain CommonJS run by the worker (eval): neither Next's bundler nor esbuild sees it, so it
// loads better-sqlite3 from the path the main thread resolved. A "pass" message asks for a pass
// now and is always answered; the timer's passes report when they moved something.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
const writeLock = new Database(workerData.file, { fileMustExist: true });
// The main connection's transactions are short; one that is not ends this try, and a later pass tries again.
writeLock.pragma("busy_timeout = 20");
let last = "";
// log is -1 when another connection was checkpointing.
const checkpoint = () => db.pragma("wal_checkpoint(PASSIVE)")[0];
// 1 while this thread holds or is taking the write lock, so that the main thread waits without sleeping in SQLite.
const lockState = workerData.lockState;
const letGo = () => {
  Atomics.store(lockState, 0, 0);
  Atomics.notify(lockState, 0);
};
function lockedCheckpoint(row) {
  Atomics.store(lockState, 0, 1);
  try {
    writeLock.exec("BEGIN IMMEDIATE");
  } catch {
    letGo();
    return row;
  }
  try {
    return checkpoint();
  } finally {
    writeLock.exec("ROLLBACK");
    letGo();
  }
}
function pass() {
  let row = checkpoint();
  for (let tries = 0; row.log >= workerData.restartFrames && tries < workerData.catchUpPasses; tries++) {
    const next = checkpoint();
    if (next.log < 0) return row;
    // A writer already started the WAL over.
    if (next.log < row.log) return next;
    const landed = next.log - row.log;
    if (landed === 0 && next.checkpointed === next.log) return next;
    if (landed <= workerData.finishFrames) return lockedCheckpoint(next);
    row = next;
  }
  return row;
}
function run(asked) {
  try {
    const row = pass();
    const now = row.log >= 0 ? row.log + "/" + row.checkpointed : "";
    if (asked) parentPort.postMessage({ asked: true, logFrames: row.log, checkpointedFrames: row.checkpointed });
    else if (row.log >= 0 && row.checkpointed > 0 && now !== last) parentPort.postMessage({ asked: false, logFrames: row.log, checkpointedFrames: row.checkpointed });
    last = now;
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
const timer = setInterval(() => run(false), workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message === "pass") return run(true);
  clearInterval(timer);
  db.close();
  writeLock.close();
  parentPort.close();
});
`;

type WorkerMessage = (CheckpointReport & { asked: boolean }) | { error: string };

/**
 * Where better-sqlite3 is. From this module's own file first: the entry script may be a symlink in a
 * folder with no node_modules above it (a global install's bin/hookscope), and Node keeps that path.
 */
function driverPath(): string {
  const origins = [() => import.meta.url, () => realpathSync(process.argv[1] ?? ""), () => path.join(process.cwd(), "index.js")];
  let failure: unknown;
  for (const origin of origins) {
    try {
      return createRequire(origin()).resolve("better-sqlite3");
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

export function startCheckpointer(file: string, onCheckpoint?: (report: CheckpointReport) => void): Checkpointer {
  const lockState = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: driverPath(),
      intervalMs: INTERVAL_MS,
      restartFrames: WAL_RESTART_FRAMES,
      finishFrames: WAL_FINISH_FRAMES,
      catchUpPasses: CATCH_UP_PASSES,
      lockState,
    },
  });
  let running = true;
  // Asked passes are answered in order: a waiter needs the answer to a pass asked after it came.
  let sent = 0;
  let answered = 0;
  let retry: NodeJS.Timeout | undefined;
  let waiters: { needs: number; frames: number; resolve: () => void }[] = [];
  const ask = () => {
    if (!running || waiters.length === 0 || sent > answered) return;
    sent++;
    worker.postMessage("pass");
  };
  const halt = () => {
    running = false;
    // A thread that stopped holds nothing: no writer may wait for it.
    Atomics.store(lockState, 0, 0);
    Atomics.notify(lockState, 0);
    clearTimeout(retry);
    for (const waiter of waiters) waiter.resolve();
    waiters = [];
  };
  const answer = (report: CheckpointReport) => {
    answered++;
    const known = report.logFrames >= 0;
    let heldBack = false;
    waiters = waiters.filter((waiter) => {
      if (waiter.needs > answered) return true;
      if (known && report.logFrames - report.checkpointedFrames <= waiter.frames) {
        waiter.resolve();
        return false;
      }
      heldBack = true;
      waiter.needs = sent + 1;
      return true;
    });
    if (waiters.length === 0) {
      // Someone waiting for the thread is work in progress: only then does the thread keep the process alive.
      worker.unref();
      return;
    }
    // A reader or another checkpoint held the pass back: ask again a little later rather than spin.
    if (heldBack) retry = setTimeout(ask, INTERVAL_MS / 4);
    else ask();
  };
  let failed = false;
  worker.on("message", (message: WorkerMessage) => {
    if ("error" in message) {
      if (!failed) console.error("sqlite: background checkpoint failed (the main connection checkpoints instead):", message.error);
      failed = true;
      // A thread whose checkpoints fail must not hold bulk writers: the fallback copies their WAL.
      halt();
      return;
    }
    if (message.asked) answer(message);
    if (message.logFrames >= 0) onCheckpoint?.({ logFrames: message.logFrames, checkpointedFrames: message.checkpointedFrames });
  });
  worker.on("error", (error) => console.error("sqlite: checkpoint thread stopped (the main connection checkpoints instead):", errorMessage(error)));
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      halt();
      resolve();
    }),
  );
  // Never what keeps the process alive; after the listeners, which would hold it again.
  worker.unref();
  return {
    caughtUp(frames) {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiters.push({ needs: sent + 1, frames, resolve });
        worker.ref();
        ask();
      });
    },
    writeLockReleased() {
      const wait = Atomics.waitAsync(lockState, 0, 1, LOCK_WAIT_MS);
      if (!wait.async) return null;
      // The wait alone does not keep Node's event loop alive; the writer's work in progress must.
      const keepAlive = setTimeout(() => undefined, LOCK_WAIT_MS);
      return wait.value.then(() => clearTimeout(keepAlive));
    },
    async stop() {
      halt();
      worker.postMessage("stop");
      // A checkpoint cut short is safe (SQLite redoes it), so a stuck one does not hold shutdown.
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
