// The shape of an event type, learnt from its samples: mergeable (one sample is a shape with one
// sample), bounded in size, and compared with each new sample to tell what changed. Pure, and in
// lib/shared because the inspector words and exports the same model.

export const SHAPE_TYPES = ["null", "boolean", "integer", "number", "string", "object", "array"] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

export const STRING_FORMATS = ["date-time", "email", "uri", "uuid"] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

/** One place in the document: what was seen there, over every sample that reached it. */
export interface ShapeNode {
  /** How many values were seen here. At the root: how many samples. */
  seen: number;
  /** How many of those values had each JSON type. */
  types: Partial<Record<ShapeType, number>>;
  /** Strings: the format every one of them had; null once they differed (absent: no strings yet). */
  format?: StringFormat | null;
  /** Strings: the distinct values while there are at most MAX_ENUM_VALUES short ones; null after. */
  values?: string[] | null;
  /** An integer beyond 2^53 was seen: JSON.parse rounds it, so readers must take it from the text. */
  bigInteger?: true;
  /** Objects: each property's node; its `seen` over `types.object` is the share of objects that had it. */
  properties?: Record<string, ShapeNode>;
  /** Objects: keys past the size caps were seen and not tracked (the shape allows any). */
  untrackedKeys?: true;
  /** Arrays: one node for every item of every array seen here (absent: only empty arrays). */
  items?: ShapeNode;
  /** Deeper than MAX_DEPTH: not walked; the shape allows anything here. */
  deep?: true;
}

/** A string property becomes an enum only while it has this few distinct values... */
export const MAX_ENUM_VALUES = 10;
/** ...each at most this long... */
const MAX_ENUM_VALUE_LENGTH = 64;
/** ...and it has been seen at least this many times, twice as often as it has values. */
const MIN_ENUM_SAMPLES = 4;
/** Nesting below this depth is not walked (real payloads stay far above it). */
export const MAX_DEPTH = 24;
/** Properties one shape tracks in all; more are counted as untracked keys. */
export const MAX_PROPERTIES = 2_000;
/** Values walked in one sample; a sample with more is not learnt from (see learnSample). */
export const MAX_SAMPLE_VALUES = 20_000;

// RFC 3339 date-time, as JSON Schema's "date-time" format means it; checked as a real date too.
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// Absolute http(s) URLs with only characters RFC 3986 allows unescaped: what every validator accepts.
const URI =
  /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?(\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;
// RFC 9562 ids (version 1-8, the RFC variant): the strict reading, so every uuid check agrees.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The format a string has, if any. Cheap guards first: this runs on every string of every capture. */
export function stringFormat(value: string): StringFormat | null {
  const length = value.length;
  if (length < 6 || length > 2048) return null;
  if (length >= 20 && value.charCodeAt(4) === 0x2d && DATE_TIME.test(value)) {
    const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
    return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? "date-time" : null;
  }
  if (length === 36 && value.charCodeAt(8) === 0x2d) return UUID.test(value) ? "uuid" : null;
  if (value.charCodeAt(0) === 0x68 && value.startsWith("http")) return URI.test(value) ? "uri" : null;
  if (value.includes("@")) return EMAIL.test(value) ? "email" : null;
  return null;
}

function typeOfValue(value: unknown): ShapeType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const kind = typeof value;
  if (kind === "number") return Number.isInteger(value) ? "integer" : "number";
  if (kind === "boolean" || kind === "string") return kind;
  return "object";
}

/** Why a sample was not learnt from, in words. */
export type SkipReason = string;

export interface ShapeChange {
  /** Where, as `data.object.amount` or `line_items[].sku`; "" for the document itself. */
  path: string;
  kind: "added" | "missing" | "type" | "enum";
  /** What the type had before, and what this request had, in words ("number", "absent", "string (date-time)"). */
  before: string;
  after: string;
}

/** Types of a node in words: "number | null". An integer among numbers is just a number. */
export function describeTypes(node: ShapeNode): string {
  const types = SHAPE_TYPES.filter((type) => (node.types[type] ?? 0) > 0 && !(type === "integer" && node.types.number));
  if (node.deep) return "any";
  return types
    .map((type) => (type === "string" && node.format ? `string (${node.format})` : type === "integer" && node.bigInteger ? "integer (beyond 2^53)" : type))
    .join(" | ");
}

/** Whether a string node is worth treating as an enum: few values, seen often enough to say so. */
export function isEnumLike(node: ShapeNode): boolean {
  const strings = node.types.string ?? 0;
  return Array.isArray(node.values) && strings >= MIN_ENUM_SAMPLES && node.values.length * 2 <= strings;
}

function join(path: string, key: string): string {
  const plain = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key);
  if (path === "") return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Most changes one request is flagged with: a wholly different document would otherwise list every field. */
export const MAX_CHANGES = 50;

/** One value in words, as a change's "after" says it. */
function describeValue(value: unknown): string {
  const type = typeOfValue(value);
  if (type === "string") {
    const format = stringFormat(value as string);
    return format ? `string (${format})` : "string";
  }
  return type;
}

/** Counts values up to `limit` + 1, to refuse a sample before any of it is merged. */
function countValues(value: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= limit) {
    const current = pending.pop();
    count++;
    if (current !== null && typeof current === "object") for (const child of Object.values(current)) pending.push(child);
  }
  return count;
}

interface Walk {
  changes: ShapeChange[];
  /** Allocated on the first change / the first new node: most samples have neither. */
  flagged: Set<string> | null;
  /** Nodes this sample created: nothing is compared under them (there is no "before" there). */
  fresh: Set<ShapeNode> | null;
  /** The parsed text, and whether it holds a 16+ digit run: looked at only once an unsafe integer turns up. */
  rawText: string;
  bigIntegers: boolean | null;
  /** Properties the whole shape tracks, against MAX_PROPERTIES. */
  tracked: number;
}

/**
 * Where the walk is, as a chain written out only when a change is flagged (a string per field per
 * sample cost more than the rest of the walk). A node is visited with its parent's chain and its
 * key, so leaves (most values) allocate no link at all. Key null: an array item.
 */
type Path = { parent: Path; key: string | null } | null;
type Key = string | null | undefined;

const link = (parent: Path, key: Key): Path => (key === undefined ? parent : { parent, key });

function pathText(path: Path): string {
  if (path === null) return "";
  return path.key === null ? `${pathText(path.parent)}[]` : join(pathText(path.parent), path.key);
}

function flag(walk: Walk, path: Path, kind: ShapeChange["kind"], before: string, after: string): void {
  const text = pathText(path);
  const key = `${kind}\u0000${text}`;
  walk.flagged ??= new Set();
  if (walk.changes.length >= MAX_CHANGES || walk.flagged.has(key)) return;
  walk.flagged.add(key);
  walk.changes.push({ path: text, kind, before, after });
}

function freshNode(walk: Walk): ShapeNode {
  const node: ShapeNode = { seen: 0, types: {} };
  (walk.fresh ??= new Set()).add(node);
  return node;
}

// Counted once per shape object, then kept up to date by each walk: counting is a walk of its own.
const trackedCounts = new WeakMap<ShapeNode, number>();

function countProperties(node: ShapeNode): number {
  let count = 0;
  for (const child of Object.values(node.properties ?? {})) count += 1 + countProperties(child);
  return count + (node.items ? countProperties(node.items) : 0);
}

/** Compares `value` with `node` as it was before this sample, and merges it in, in one pass. */
function visit(node: ShapeNode, value: unknown, parent: Path, key: Key, depth: number, comparing: boolean, walk: Walk): void {
  const compare = comparing && !walk.fresh?.has(node) && !node.deep;
  node.seen++;
  if (depth >= MAX_DEPTH) {
    node.deep = true;
    return;
  }
  const type = typeOfValue(value);
  let below = compare;
  if (compare && !node.types[type] && !(type === "integer" && node.types.number)) {
    flag(walk, link(parent, key), "type", describeTypes(node), describeValue(value));
    // Under a new type everything is new: one change says it.
    below = false;
  }
  const wasEnum = type === "string" && isEnumLike(node);
  node.types[type] = (node.types[type] ?? 0) + 1;
  if (type === "string") {
    const text = value as string;
    // Once its strings differed in format a node stays without one: most fields, after their first sample.
    if (node.format !== null) {
      const format = stringFormat(text);
      node.format = node.format === undefined || node.format === format ? format : null;
    }
    if (below && wasEnum && !node.values!.includes(text)) {
      flag(walk, link(parent, key), "enum", node.values!.map((known) => JSON.stringify(known)).join(" | "), JSON.stringify(text));
    }
    if (text.length > MAX_ENUM_VALUE_LENGTH) node.values = null;
    else if (node.values === undefined) node.values = [text];
    else if (node.values !== null && !node.values.includes(text)) node.values = node.values.length < MAX_ENUM_VALUES ? [...node.values, text] : null;
  } else if (type === "integer") {
    if (!Number.isSafeInteger(value) && (walk.bigIntegers ??= /\d{16}/.test(walk.rawText))) node.bigInteger = true;
  } else if (type === "object") {
    const object = value as Record<string, unknown>;
    const path = link(parent, key);
    const objectsBefore = (node.types.object ?? 1) - 1;
    const properties = (node.properties ??= {});
    for (const name in object) {
      let child = properties[name];
      if (!child) {
        if (walk.tracked >= MAX_PROPERTIES) {
          node.untrackedKeys = true;
          continue;
        }
        if (below && objectsBefore > 0 && !node.untrackedKeys) flag(walk, { parent: path, key: name }, "added", "absent", describeValue(object[name]));
        child = properties[name] = freshNode(walk);
        walk.tracked++;
      }
      visit(child, object[name], path, name, depth + 1, below, walk);
    }
    if (below && objectsBefore > 0) {
      for (const name in properties) {
        const known = properties[name]!;
        if (known.seen === objectsBefore && !walk.fresh?.has(known) && !Object.hasOwn(object, name)) {
          flag(walk, { parent: path, key: name }, "missing", describeTypes(known), "absent");
        }
      }
    }
  } else if (type === "array") {
    const path = link(parent, key);
    for (const item of value as unknown[]) visit((node.items ??= freshNode(walk)), item, path, null, depth + 1, below, walk);
  }
}

/**
 * Learns one parsed sample into `shape` (a new type starts from `emptyShape()`): compares it with
 * what the shape held before, merges it in, and returns what differed (nothing for the first
 * sample). A sample of more than MAX_SAMPLE_VALUES values is refused whole, the shape untouched.
 * `rawText` is what was parsed: an integer is flagged as big only when the text holds a run of 16+
 * digits, so `1e300` is not mistaken for one.
 */
export function learnSample(shape: ShapeNode, value: unknown, rawText: string): ShapeChange[] | SkipReason {
  // n values need at least 2n - 1 characters: shorter texts cannot pass the cap, and are not counted.
  if (rawText.length >= 2 * MAX_SAMPLE_VALUES - 1 && countValues(value, MAX_SAMPLE_VALUES) > MAX_SAMPLE_VALUES) {
    return `more than ${MAX_SAMPLE_VALUES.toLocaleString("en-US")} values: not learnt`;
  }
  const tracked = trackedCounts.get(shape) ?? countProperties(shape);
  const walk: Walk = { changes: [], flagged: null, fresh: null, rawText, bigIntegers: null, tracked };
  visit(shape, value, null, undefined, 0, shape.seen > 0, walk);
  trackedCounts.set(shape, walk.tracked);
  return walk.changes;
}

export function emptyShape(): ShapeNode {
  return { seen: 0, types: {} };
}

/** A change in one line: "data.object.amount: number -> string". */
export function changeText(change: ShapeChange): string {
  const where = change.path === "" ? "(document)" : change.path;
  if (change.kind === "added") return `${where}: new field (${change.after})`;
  if (change.kind === "missing") return `${where}: missing (was always ${change.before})`;
  if (change.kind === "enum") return `${where}: new value ${change.after} (was ${change.before})`;
  return `${where}: ${change.before} -> ${change.after}`;
}
