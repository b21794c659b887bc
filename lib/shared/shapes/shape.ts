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

export function stringFormat(value: string): StringFormat | null {
  if (value.length > 2048) return null;
  if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value.replace(/:60(?=[.Zz+-])/, ":59")))) {
    const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return day <= daysInMonth ? "date-time" : null;
  }
  if (UUID.test(value)) return "uuid";
  if (URI.test(value)) return "uri";
  if (EMAIL.test(value)) return "email";
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

/** Why a sample was not learnt from, in words; null when it was. */
export type SkipReason = string;

class TooManyValues extends Error {}

/**
 * The shape of one sample. `rawText` is the JSON text it was parsed from: an integer is flagged as
 * big only when the text holds a run of 16+ digits (so `1e300` is not mistaken for one).
 */
export function sampleShape(value: unknown, rawText: string): ShapeNode | SkipReason {
  const mayHaveBigIntegers = /\d{16}/.test(rawText);
  let budget = MAX_SAMPLE_VALUES;
  const walk = (current: unknown, depth: number): ShapeNode => {
    if (--budget < 0) throw new TooManyValues();
    const node: ShapeNode = { seen: 1, types: {} };
    if (depth >= MAX_DEPTH) {
      node.deep = true;
      return node;
    }
    const type = typeOfValue(current);
    node.types[type] = 1;
    if (type === "string") {
      const text = current as string;
      node.format = stringFormat(text);
      node.values = text.length <= MAX_ENUM_VALUE_LENGTH ? [text] : null;
    } else if (type === "integer" && mayHaveBigIntegers && !Number.isSafeInteger(current)) {
      node.bigInteger = true;
    } else if (type === "object") {
      node.properties = {};
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) node.properties[key] = walk(child, depth + 1);
    } else if (type === "array") {
      for (const item of current as unknown[]) {
        const itemShape = walk(item, depth + 1);
        node.items = node.items ? merge(node.items, itemShape) : itemShape;
      }
    }
    return node;
  };
  try {
    return capProperties(walk(value, 0));
  } catch (error) {
    if (error instanceof TooManyValues) return `more than ${MAX_SAMPLE_VALUES.toLocaleString("en-US")} values: not learnt`;
    throw error;
  }
}

function add(a: number | undefined, b: number | undefined): number {
  return (a ?? 0) + (b ?? 0);
}

function mergeValues(a: string[] | null | undefined, b: string[] | null | undefined): string[] | null | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (a === null || b === null) return null;
  const union = a;
  for (const value of b) if (!union.includes(value)) union.push(value);
  return union.length > MAX_ENUM_VALUES ? null : union;
}

/**
 * Merges `b` into `a` and returns `a`: counts add up, formats and enums survive only while they
 * agree. In place, because a shape with thousands of fields is merged with every sample; `b` is
 * spent (its subtrees may now belong to `a`).
 */
export function merge(a: ShapeNode, b: ShapeNode): ShapeNode {
  a.seen += b.seen;
  for (const [type, count] of Object.entries(b.types) as [ShapeType, number][]) a.types[type] = add(a.types[type], count);
  if (b.deep) a.deep = true;
  if (b.bigInteger) a.bigInteger = true;
  if (b.untrackedKeys) a.untrackedKeys = true;
  if (b.format !== undefined) a.format = a.format === undefined || a.format === b.format ? b.format : null;
  const values = mergeValues(a.values, b.values);
  if (values !== undefined) a.values = values;
  if (b.properties) {
    a.properties ??= {};
    for (const [key, child] of Object.entries(b.properties)) {
      const mine = a.properties[key];
      a.properties[key] = mine ? merge(mine, child) : child;
    }
  }
  if (b.items) a.items = a.items ? merge(a.items, b.items) : b.items;
  return a;
}

/** Keeps a shape within MAX_PROPERTIES: properties past it (breadth first) become untracked keys. */
export function capProperties(root: ShapeNode): ShapeNode {
  let kept = 0;
  const queue: ShapeNode[] = [root];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node.properties) {
      for (const key of Object.keys(node.properties)) {
        if (kept >= MAX_PROPERTIES) {
          delete node.properties[key];
          node.untrackedKeys = true;
          continue;
        }
        kept++;
        queue.push(node.properties[key]!);
      }
    }
    if (node.items) queue.push(node.items);
  }
  return root;
}

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

/**
 * How `sample` differs from `known` (the type's shape so far): fields it added, fields every earlier
 * sample had and it lacks, types it brought, and new values of enum-like strings.
 */
export function compare(known: ShapeNode, sample: ShapeNode): ShapeChange[] {
  const changes: ShapeChange[] = [];
  const visit = (before: ShapeNode, after: ShapeNode, path: string) => {
    if (changes.length >= MAX_CHANGES || before.deep || after.deep) return;
    // An integer where numbers were seen is no change; a fraction where only integers were is one.
    const newTypes = (Object.keys(after.types) as ShapeType[]).filter((type) => !before.types[type] && !(type === "integer" && before.types.number));
    if (newTypes.length > 0) {
      changes.push({ path, kind: "type", before: describeTypes(before), after: describeTypes(after) });
      return;
    }
    if (isEnumLike(before) && after.values) {
      const fresh = after.values.filter((value) => !before.values!.includes(value));
      if (fresh.length > 0)
        changes.push({ path, kind: "enum", before: before.values!.map((v) => JSON.stringify(v)).join(" | "), after: JSON.stringify(fresh[0]) });
    }
    if (before.properties && after.properties && !before.untrackedKeys) {
      const objectsBefore = before.types.object ?? 0;
      const objectsAfter = after.types.object ?? 0;
      for (const [key, child] of Object.entries(after.properties)) {
        const known = before.properties[key];
        if (!known) changes.push({ path: join(path, key), kind: "added", before: "absent", after: describeTypes(child) });
        else visit(known, child, join(path, key));
      }
      for (const [key, known] of Object.entries(before.properties)) {
        const required = known.seen === objectsBefore;
        const present = after.properties[key]?.seen ?? 0;
        if (required && present < objectsAfter) changes.push({ path: join(path, key), kind: "missing", before: describeTypes(known), after: "absent" });
      }
    }
    if (before.items && after.items) visit(before.items, after.items, `${path}[]`);
  };
  visit(known, sample, "");
  return changes.slice(0, MAX_CHANGES);
}

/** A change in one line: "data.object.amount: number -> string". */
export function changeText(change: ShapeChange): string {
  const where = change.path === "" ? "(document)" : change.path;
  if (change.kind === "added") return `${where}: new field (${change.after})`;
  if (change.kind === "missing") return `${where}: missing (was always ${change.before})`;
  if (change.kind === "enum") return `${where}: new value ${change.after} (was ${change.before})`;
  return `${where}: ${change.before} -> ${change.after}`;
}
