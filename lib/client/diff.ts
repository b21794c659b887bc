// Differences between two captured requests, for the compare view.
import { diffArrays } from "diff";

export type DiffOp = { kind: "same" | "removed" | "added"; text: string };

/** Beyond this many edits the line diff gives up and reports the bodies as different wholesale. */
const MAX_EDITS = 1000;

/**
 * Line diff (jsdiff's Myers implementation). Returns null when the inputs differ too much to diff
 * cheaply; callers then show both sides without alignment.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] | null {
  const changes = diffArrays([...a], [...b], { maxEditLength: MAX_EDITS });
  if (!changes) return null;
  return changes.flatMap((change) => {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    return change.value.map((text) => ({ kind, text }) as DiffOp);
  });
}

export interface HeaderDiffRow {
  name: string;
  left: string[];
  right: string[];
  /** same: identical values in the same order; changed; or only on one side. */
  status: "same" | "changed" | "left-only" | "right-only";
}

/** Headers matched by name (case-insensitive), in order of first appearance on either side. */
export function diffHeaders(left: readonly (readonly [string, string])[], right: readonly (readonly [string, string])[]): HeaderDiffRow[] {
  const rows = new Map<string, HeaderDiffRow>();
  const add = (pairs: readonly (readonly [string, string])[], side: "left" | "right") => {
    for (const [name, value] of pairs) {
      const key = name.toLowerCase();
      let row = rows.get(key);
      if (!row) {
        row = { name, left: [], right: [], status: "same" };
        rows.set(key, row);
      }
      row[side].push(value);
    }
  };
  add(left, "left");
  add(right, "right");
  for (const row of rows.values()) {
    row.status =
      row.left.length === 0
        ? "right-only"
        : row.right.length === 0
          ? "left-only"
          : row.left.length === row.right.length && row.left.every((v, i) => v === row.right[i])
            ? "same"
            : "changed";
  }
  return [...rows.values()];
}

/** Offset of the first differing byte, or -1 when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
