// Bodies capture has already parsed (its trust checks and event type read the JSON), kept for the
// background learner until it reaches their rows: reading a row's body back and parsing it again
// cost the learner more than learning the shape. Bounded in entries, text and time, so a learner
// that falls behind (or runs on another instance) only reads those rows from the database instead.
import type { JsonBody } from "@/lib/server/shapes/json-body";

const MAX_ENTRIES = 4_000;
const MAX_TEXT_CHARS = 8 * 1024 * 1024;
/** The learner takes a row within a tick or two while it keeps up; older entries are not waited for. */
const MAX_AGE_MS = 10_000;

interface Kept {
  body: JsonBody;
  at: number;
  chars: number;
}

/** Old entries are looked for this often, not per capture: a Map walked from its start skips every entry deleted since it last grew. */
const SWEEP_EVERY_MS = 1_000;

const kept = new Map<string, Kept>();
let keptChars = 0;
let nextSweepAt = 0;
/** Whether a learner runs in this process: on PostgreSQL only the elected instance's does, and the others' bodies would only age out. */
let learnerRunning = false;

/** Set by the learner as it starts and stops; while none runs, nothing is kept (and what was is let go). */
export function setParsedBodiesWanted(wanted: boolean): void {
  learnerRunning = wanted;
  if (!wanted) {
    kept.clear();
    keptChars = 0;
    nextSweepAt = 0;
  }
}

function drop(id: string, entry: Kept): void {
  kept.delete(id);
  keptChars -= entry.chars;
}

/** Keeps a committed row's parsed body for the learner; skipped when full. */
export function keepParsedBody(requestId: string, body: JsonBody, now = Date.now()): void {
  if (!learnerRunning) return;
  if (now >= nextSweepAt || kept.size >= MAX_ENTRIES) {
    nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [id, entry] of kept) {
      if (now - entry.at <= MAX_AGE_MS) break;
      drop(id, entry);
    }
  }
  const chars = body.kind === "json" ? body.text.length : 0;
  if (kept.size >= MAX_ENTRIES || keptChars + chars > MAX_TEXT_CHARS) return;
  kept.set(requestId, { body, at: now, chars });
  keptChars += chars;
}

export function hasParsedBody(requestId: string): boolean {
  return kept.has(requestId);
}

/** The row's parsed body, once: undefined when it was not kept (the learner parses the stored body). */
export function takeParsedBody(requestId: string): JsonBody | undefined {
  const entry = kept.get(requestId);
  if (entry) drop(requestId, entry);
  return entry?.body;
}
