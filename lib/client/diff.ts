// Differences between two captured requests, for the compare view.

export type DiffOp = { kind: "same" | "removed" | "added"; text: string };

/** Beyond this many edits the line diff gives up and reports the bodies as different wholesale. */
const MAX_EDITS = 1000;

/**
 * Line diff (Myers' O(ND) algorithm). Returns null when the inputs differ too much to diff
 * cheaply; callers then show both sides without alignment.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] | null {
  // Common prefix and suffix first: most compared webhooks differ in a few lines.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  if (middle === null) return null;
  return [
    ...a.slice(0, start).map((text) => ({ kind: "same" as const, text })),
    ...middle,
    ...a.slice(endA).map((text) => ({ kind: "same" as const, text })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found !== -1) break;
  }
  if (found === -1) return null;
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (prev[offset + k - 1] ?? 0) < (prev[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: "same", text: a[x] as string });
    }
    if (down) ops.push({ kind: "added", text: b[--y] as string });
    else ops.push({ kind: "removed", text: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: "same", text: a[x] as string });
  }
  return ops.reverse();
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
      row.left.length === 0 ? "right-only"
      : row.right.length === 0 ? "left-only"
      : row.left.length === row.right.length && row.left.every((v, i) => v === row.right[i]) ? "same"
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
