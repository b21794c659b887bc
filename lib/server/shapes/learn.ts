// Learning from stored rows in the background (lib/server/shapes/learner.ts): a batch's rows are
// compared with, then merged into, their types' stored shapes, in the transaction that flags them.
import type { ShapeRow } from "@/lib/server/queries/hot-store-types";
import type { JsonBody } from "@/lib/server/shapes/json-body";
import { SHAPE_MAX_BODY_BYTES } from "@/lib/server/shapes/json-body";
import { emptyShape, learnSample, type ShapeChange, type ShapeNode } from "@/lib/shared/shapes/shape";

/** One (bin, event type) row of the EventShape table. */
export interface StoredShape {
  eventType: string;
  /** JSON of the ShapeNode. */
  shape: string;
  /** JSON of ShapeChangeSeen[]: the first request with each change, newest last. */
  changes: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** A change as the shape-changes view lists it: where it first appeared. */
export interface ShapeChangeSeen extends ShapeChange {
  requestId: string;
  receivedAt: string;
}

/** A type keeps this many first occurrences; older ones give way (the request rows keep theirs). */
export const MAX_STORED_CHANGES = 200;

export const TOO_LARGE_NOTE = `body over ${SHAPE_MAX_BODY_BYTES / 1024} KiB: its shape is not learnt or compared`;
export const FIRST_SAMPLE_NOTE = "the first sample of its event type: nothing to compare with yet";

interface Working {
  shape: ShapeNode;
  changes: ShapeChangeSeen[];
  /** The stored text of `changes`, reused when nothing was added. */
  changesText: string;
  added: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * Parsed shapes kept between batches with the text they were stored as: parsing a shape costs
 * more than learning a sample. Used only while the stored text is the same (another instance
 * wrote, or a transaction rolled back: it is parsed again), and taken out while being changed.
 */
const parsed = new Map<string, { text: string; working: Working }>();
const MAX_PARSED = 200;

function fromStore(key: string, known: StoredShape | undefined, at: Date): Working {
  const cached = parsed.get(key);
  parsed.delete(key);
  if (known && cached && cached.text === known.shape && cached.working.changesText === known.changes) {
    return { ...cached.working, added: false, firstSeenAt: known.firstSeenAt };
  }
  let shape = emptyShape();
  let changes: ShapeChangeSeen[] = [];
  if (known) {
    try {
      const stored = JSON.parse(known.shape) as ShapeNode;
      if (typeof stored === "object" && stored !== null && typeof stored.seen === "number") shape = stored;
      const list = JSON.parse(known.changes) as unknown;
      if (Array.isArray(list)) changes = list as ShapeChangeSeen[];
    } catch {
      // A row that does not parse is learnt again from here rather than failing capture.
    }
  }
  return { shape, changes, changesText: known?.changes ?? "[]", added: false, firstSeenAt: known?.firstSeenAt ?? at, lastSeenAt: at };
}

/**
 * Flags each row (shapeDrift, shapeChanges, shapeNote) against its type's shape so far, in row
 * order, and returns the shapes to store back. `stored` holds the rows' types that already have one.
 */
export function learnShapes(rows: readonly ShapeRow[], bodyOf: (record: ShapeRow) => JsonBody | null, stored: ReadonlyMap<string, StoredShape>): StoredShape[] {
  const working = new Map<string, Working>();
  for (const record of rows) {
    if (record.eventType === null) continue;
    const body = bodyOf(record);
    if (body === null) continue;
    if (body.kind === "too_large") {
      record.shapeNote = TOO_LARGE_NOTE;
      continue;
    }
    let entry = working.get(record.eventType);
    if (!entry) {
      entry = fromStore(`${record.binId}\u0000${record.eventType}`, stored.get(record.eventType), record.receivedAt);
      working.set(record.eventType, entry);
    }
    const first = entry.shape.seen === 0;
    const changes = learnSample(entry.shape, body.value, body.text);
    if (typeof changes === "string") {
      record.shapeNote = changes;
      continue;
    }
    entry.lastSeenAt = record.receivedAt;
    if (first) {
      record.shapeNote = FIRST_SAMPLE_NOTE;
      continue;
    }
    record.shapeDrift = changes.length;
    record.shapeChanges = changes.length > 0 ? JSON.stringify(changes) : null;
    for (const change of changes) entry.changes.push({ ...change, requestId: record.id, receivedAt: record.receivedAt.toISOString() });
    if (changes.length > 0) entry.added = true;
  }
  const binId = rows[0]?.binId;
  return [...working]
    .filter(([, entry]) => entry.shape.seen > 0)
    .map(([eventType, entry]) => {
      if (entry.added) {
        entry.changes = entry.changes.slice(-MAX_STORED_CHANGES);
        entry.changesText = JSON.stringify(entry.changes);
      }
      const shape = JSON.stringify(entry.shape);
      if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value!);
      parsed.set(`${binId}\u0000${eventType}`, { text: shape, working: entry });
      return { eventType, shape, changes: entry.changesText, firstSeenAt: entry.firstSeenAt, lastSeenAt: entry.lastSeenAt };
    });
}
