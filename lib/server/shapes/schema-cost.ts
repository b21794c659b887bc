// How much work an owner's JSON Schema can make one check do, worked out before it is accepted.
// Checks run on the main thread (the background learner), and bins are anonymous: a small schema whose $refs apply
// the same subschema twice at one value, level after level, makes a check take minutes and would
// stall capture for everyone. Ajv cannot be interrupted, so the bound is enforced at upload instead.
//
// Model: at each location of a body, the schema applies a multiset of subschemas (in place through
// $ref, allOf/anyOf/oneOf, not, if/then/else, dependentSchemas; then one step down through
// properties, items, additionalProperties and the like). The analysis walks the locations a body
// could have, by property name, with "*" for any other key or index, and counts applications.

/** Subschemas applied at one location of a body; real schemas stay in the tens. */
export const MAX_APPLICATIONS_PER_VALUE = 1_000;
/** Each value is compared with every entry of an enum, so a long one multiplies a body's cost. */
export const MAX_ENUM_VALUES = 256;
/** Locations the analysis may visit before it gives up on a schema as too intricate to bound. */
const MAX_STATES = 20_000;

type Node = Record<string, unknown>;
type Label = string;
const ANY: Label = "*";

const IN_PLACE_ONE = ["not", "if", "then", "else"];
const IN_PLACE_MANY = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_MAP = ["dependentSchemas", "dependencies"];
const REFS = ["$ref", "$dynamicRef", "$recursiveRef"];
const DOWN_ANY = ["additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains", "propertyNames", "additionalItems"];

export class SchemaTooCostlyError extends Error {}

const isNode = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every object in the schema by JSON pointer, with its $id and anchors, so $ref can be followed. */
function indexSchema(root: Node): (ref: string) => Node | undefined {
  const byPointer = new Map<string, Node>();
  const byName = new Map<string, Node>();
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${pointer}/${i}`));
    if (!isNode(value)) return;
    byPointer.set(pointer, value);
    if (Array.isArray(value.enum) && value.enum.length > MAX_ENUM_VALUES)
      throw new SchemaTooCostlyError(`an enum at ${pointer || "the root"} lists ${value.enum.length} values, more than ${MAX_ENUM_VALUES}`);
    for (const key of ["$id", "$anchor", "$dynamicAnchor"]) {
      const name = value[key];
      if (typeof name === "string") byName.set(key === "$id" ? name : `#${name}`, value);
    }
    for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  walk(root, "");
  return (ref) => {
    if (ref === "#" || ref === "") return root;
    if (ref.startsWith("#/")) {
      try {
        return byPointer.get(decodeURIComponent(ref.slice(1)));
      } catch {
        return undefined;
      }
    }
    return byName.get(ref) ?? byName.get(ref.replace(/#$/, ""));
  };
}

/**
 * Throws SchemaTooCostlyError when some value of some body would have more than
 * MAX_APPLICATIONS_PER_VALUE subschemas applied to it, or when applications grow with the body's
 * depth (a recursion that applies itself more than once per level). Returns the references it could
 * not follow (counted as free): the caller refuses the schema if Ajv can follow them.
 */
export function assertBoundedCost(schema: unknown): string[] {
  const unfollowed = new Set<string>();
  if (!isNode(schema)) return [];
  const resolve = indexSchema(schema);

  const inPlace = (node: Node): Node[] => {
    const out: Node[] = [];
    const add = (value: unknown) => {
      if (isNode(value)) out.push(value);
    };
    for (const key of IN_PLACE_ONE) add(node[key]);
    for (const key of IN_PLACE_MANY) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(add);
    for (const key of IN_PLACE_MAP) if (isNode(node[key])) Object.values(node[key]).forEach(add);
    for (const key of REFS) {
      const ref = node[key];
      if (typeof ref !== "string") continue;
      const target = resolve(ref) ?? (key === "$recursiveRef" || key === "$dynamicRef" ? schema : undefined);
      if (target) out.push(target);
      else unfollowed.add(ref);
    }
    return out;
  };

  const down = (node: Node): [Label, Node][] => {
    const out: [Label, Node][] = [];
    if (isNode(node.properties)) for (const [name, child] of Object.entries(node.properties)) if (isNode(child)) out.push([`.${name}`, child]);
    if (isNode(node.patternProperties)) for (const child of Object.values(node.patternProperties)) if (isNode(child)) out.push([ANY, child]);
    for (const key of DOWN_ANY) if (isNode(node[key])) out.push([ANY, node[key] as Node]);
    const items = node.items;
    if (isNode(items)) out.push([ANY, items]);
    const positional = Array.isArray(items) ? items : node.prefixItems;
    if (Array.isArray(positional)) positional.forEach((child, i) => isNode(child) && out.push([`[${i}]`, child]));
    return out;
  };

  // The subschemas one schema applies in place, itself included, with repeats (each costs a check).
  const closures = new Map<Node, Node[]>();
  const closureOf = (node: Node, stack: Set<Node>): Node[] => {
    const known = closures.get(node);
    if (known) return known;
    if (stack.has(node)) throw new SchemaTooCostlyError("it applies itself to the same value (a $ref cycle through allOf, anyOf, oneOf, not or if/then/else)");
    stack.add(node);
    const all = [node];
    for (const child of inPlace(node)) {
      all.push(...closureOf(child, stack));
      if (all.length > MAX_APPLICATIONS_PER_VALUE) throw tooMany(all.length);
    }
    stack.delete(node);
    closures.set(node, all);
    return all;
  };

  let states = 0;
  const visitedTotals = new Map<string, number>();
  // Locations on the current walk: the same set of subschemas again, deeper and with more
  // applications, repeats with every level of nesting a body can have.
  const onPath = new Map<string, number>();
  const visit = (applied: Map<Node, number>) => {
    if (++states > MAX_STATES) throw new SchemaTooCostlyError(`it is too intricate to bound (more than ${MAX_STATES} distinct locations)`);
    let total = 0;
    for (const count of applied.values()) total += count;
    if (total > MAX_APPLICATIONS_PER_VALUE) throw tooMany(total);
    const key = [...applied.keys()]
      .map(idOf)
      .sort((a, b) => a - b)
      .join(",");
    const before = onPath.get(key);
    if (before !== undefined) {
      if (total > before)
        throw new SchemaTooCostlyError("each level of nesting applies it more often than the one above (a recursion that branches at one value)");
      return;
    }
    if ((visitedTotals.get(key) ?? -1) >= total) return;
    visitedTotals.set(key, total);
    const edges: [Label, Node, number][] = [];
    for (const [node, count] of applied) for (const [label, child] of down(node)) edges.push([label, child, count]);
    const labels = new Set(edges.map(([label]) => label));
    labels.add(ANY);
    onPath.set(key, total);
    for (const label of labels) {
      const next = new Map<Node, number>();
      for (const [edgeLabel, child, count] of edges) {
        if (edgeLabel !== label && edgeLabel !== ANY) continue;
        for (const node of closureOf(child, new Set())) next.set(node, (next.get(node) ?? 0) + count);
      }
      if (next.size > 0) visit(next);
    }
    onPath.delete(key);
  };

  const ids = new Map<Node, number>();
  const idOf = (node: Node) => {
    let id = ids.get(node);
    if (id === undefined) ids.set(node, (id = ids.size));
    return id;
  };

  const start = new Map<Node, number>();
  for (const node of closureOf(schema, new Set())) start.set(node, (start.get(node) ?? 0) + 1);
  visit(start);
  return [...unfollowed];
}

function tooMany(count: number): SchemaTooCostlyError {
  return new SchemaTooCostlyError(`it would apply more than ${MAX_APPLICATIONS_PER_VALUE} subschemas to one value (${count} counted)`);
}
