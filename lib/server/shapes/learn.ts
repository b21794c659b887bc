// Learning inside the group commit: the batch's rows are compared with, then merged into, their
// types' stored shapes, in the same transaction that stores the rows. So a shape is never behind
// what is stored (nothing to resume after a restart) and every row is flagged as it is listed.
import type { CapturedRequestRecord } from "@/lib/server/queries/requests";
import type { JsonBody } from "@/lib/server/shapes/json-body";
import { SHAPE_MAX_BODY_BYTES } from "@/lib/server/shapes/json-body";
import { capProperties, compare, merge, sampleShape, type ShapeChange, type ShapeNode } from "@/lib/shared/shapes/shape";

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

function parseShape(text: string | undefined): ShapeNode | null {
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as ShapeNode;
    return typeof parsed === "object" && parsed !== null && typeof parsed.seen === "number" ? parsed : null;
  } catch {
    return null;
  }
}

function parseChanges(text: string | undefined): ShapeChangeSeen[] {
  try {
    const parsed = JSON.parse(text ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as ShapeChangeSeen[]) : [];
  } catch {
    return [];
  }
}

/**
 * Flags each row (shapeDrift, shapeChanges, shapeNote) against its type's shape so far, in row
 * order, and returns the shapes to store back. `stored` holds the rows' types that already have one.
 */
export function learnShapes(
  rows: readonly CapturedRequestRecord[],
  bodyOf: (record: CapturedRequestRecord) => JsonBody | null,
  stored: ReadonlyMap<string, StoredShape>,
): StoredShape[] {
  const working = new Map<string, { shape: ShapeNode | null; changes: ShapeChangeSeen[]; firstSeenAt: Date; lastSeenAt: Date; changed: boolean }>();
  for (const record of rows) {
    if (record.eventType === null) continue;
    const body = bodyOf(record);
    if (body === null) continue;
    if (body.kind === "too_large") {
      record.shapeNote = TOO_LARGE_NOTE;
      continue;
    }
    const sample = sampleShape(body.value, body.text);
    if (typeof sample === "string") {
      record.shapeNote = sample;
      continue;
    }
    let entry = working.get(record.eventType);
    if (!entry) {
      const known = stored.get(record.eventType);
      entry = {
        shape: parseShape(known?.shape),
        changes: parseChanges(known?.changes),
        firstSeenAt: known?.firstSeenAt ?? record.receivedAt,
        lastSeenAt: record.receivedAt,
        changed: false,
      };
      working.set(record.eventType, entry);
    }
    entry.changed = true;
    entry.lastSeenAt = record.receivedAt;
    if (entry.shape === null) {
      record.shapeNote = FIRST_SAMPLE_NOTE;
      entry.shape = sample;
      continue;
    }
    const changes = compare(entry.shape, sample);
    record.shapeDrift = changes.length;
    record.shapeChanges = changes.length > 0 ? JSON.stringify(changes) : null;
    for (const change of changes) entry.changes.push({ ...change, requestId: record.id, receivedAt: record.receivedAt.toISOString() });
    entry.shape = capProperties(merge(entry.shape, sample));
  }
  return [...working]
    .filter(([, entry]) => entry.changed && entry.shape !== null)
    .map(([eventType, entry]) => ({
      eventType,
      shape: JSON.stringify(entry.shape),
      changes: JSON.stringify(entry.changes.slice(-MAX_STORED_CHANGES)),
      firstSeenAt: entry.firstSeenAt,
      lastSeenAt: entry.lastSeenAt,
    }));
}
