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

/** What one checkpoint did: WAL frames in the log and how many of them are now in the database file. */
export interface CheckpointReport {
  logFrames: number;
  checkpointedFrames: number;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

// Plain CommonJS run by the worker (eval): neither Next's bundler nor esbuild sees it, so it
// loads better-sqlite3 from the path the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
let last = "";
const timer = setInterval(() => {
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    // Reported when it moved something: a checkpointed WAL answers the same until a writer restarts it.
    const now = row ? row.log + "/" + row.checkpointed : "";
    if (row && row.checkpointed > 0 && now !== last) parentPort.postMessage({ logFrames: row.log, checkpointedFrames: row.checkpointed });
    last = now;
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

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
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath(), intervalMs: INTERVAL_MS } });
  let failed = false;
  worker.on("message", (message: CheckpointReport | { error: string }) => {
    if ("error" in message) {
      if (!failed) console.error("sqlite: background checkpoint failed (the main connection checkpoints instead):", message.error);
      failed = true;
      return;
    }
    onCheckpoint?.(message);
  });
  worker.on("error", (error) => console.error("sqlite: checkpoint thread stopped (the main connection checkpoints instead):", errorMessage(error)));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // Never what keeps the process alive; after the listeners, which would hold it again.
  worker.unref();
  return {
    async stop() {
      worker.postMessage("stop");
      // A checkpoint cut short is safe (SQLite redoes it), so a stuck one does not hold shutdown.
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
