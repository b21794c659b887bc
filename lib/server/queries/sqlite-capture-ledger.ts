// What the SQLite learner would otherwise read back: the rows capture committed, in rowid order, with
// the fields the learner needs. Walking the stored rows cost it about 7 us per row (each row fills a
// page of its own); a batch whose rows are all here reads none. Bounded in entries and age: past
// that, or after any break in the sequence, the learner walks the table as before.
import type { ShapeRow } from "@/lib/server/queries/hot-store-types";
import type { CapturedRequestRecord } from "@/lib/server/queries/requests";

/** One committed row: its fields for the learner when it waits to be learnt, null when it does not. */
export interface LedgerEntry {
  rowid: number;
  pending: Omit<ShapeRow, "body"> | null;
  at: number;
}

const MAX_ENTRIES = 8_000;
/** The learner takes rows within a tick or two while it keeps up; older ones are read from the table. */
const MAX_AGE_MS = 10_000;

export interface CaptureLedger {
  /** Records rows of a committed transaction, in the order they were inserted. */
  committed(rows: { rowid: number; record: CapturedRequestRecord }[], now?: number): void;
  /** The entries from rowid `after + 1` on, without a gap, at most `limit`; empty when that row is not here. */
  take(after: number, limit: number, now?: number): LedgerEntry[];
}

export function captureLedger(): CaptureLedger {
  let entries: LedgerEntry[] = [];
  let head = 0;
  let lastRowid = 0;

  const compact = () => {
    if (head > 1024 && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  };

  return {
    committed(rows, now = Date.now()) {
      for (const { rowid, record } of rows) {
        // SQLite hands a deleted top rowid out again: what is held from there on may name other rows.
        if (rowid <= lastRowid) {
          entries = [];
          head = 0;
        }
        lastRowid = rowid;
        const pending = record.shapePending
          ? {
              id: record.id,
              binId: record.binId,
              eventType: record.eventType,
              contentType: record.contentType,
              receivedAt: record.receivedAt,
              shapeDrift: record.shapeDrift,
              shapeChanges: record.shapeChanges,
              shapeNote: record.shapeNote,
              schemaResult: record.schemaResult,
              schemaErrors: record.schemaErrors,
              schemaRef: record.schemaRef,
            }
          : null;
        entries.push({ rowid, pending, at: now });
      }
      if (entries.length - head > MAX_ENTRIES) head = entries.length - MAX_ENTRIES;
      compact();
    },
    take(after, limit, now = Date.now()) {
      while (head < entries.length && (entries[head]!.rowid <= after || now - entries[head]!.at > MAX_AGE_MS)) head++;
      compact();
      const taken: LedgerEntry[] = [];
      for (let i = head; i < entries.length && taken.length < limit; i++) {
        if (entries[i]!.rowid !== after + 1 + taken.length) break;
        taken.push(entries[i]!);
      }
      return taken;
    },
  };
}
