// A learnt shape written out as JSON Schema 2020-12, TypeScript and zod. Generated here from the
// shape model rather than through converters: each output is one short walk of the same tree, so
// the three always agree with the model and with each other (see README, "Learnt shapes").
import { SHAPE_TYPES, isEnumLike, type ShapeNode, type ShapeType } from "@/lib/shared/shapes/shape";

export const EXPORT_FORMATS = ["json-schema", "typescript", "zod"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Json = Record<string, unknown>;

const BIG_INTEGER_NOTE = "An integer beyond 2^53 was seen here: JSON.parse rounds it, so read it from the raw text (or as a string) where exactness matters.";

/** The types present at a node, an integer among numbers folded into number. */
function presentTypes(node: ShapeNode): ShapeType[] {
  return SHAPE_TYPES.filter((type) => (node.types[type] ?? 0) > 0 && !(type === "integer" && node.types.number));
}

function required(node: ShapeNode): string[] {
  const objects = node.types.object ?? 0;
  return Object.entries(node.properties ?? {})
    .filter(([, child]) => child.seen === objects)
    .map(([key]) => key);
}

function share(child: ShapeNode, parent: ShapeNode): string {
  const objects = parent.types.object ?? 0;
  return `In ${child.seen} of ${objects} samples (${Math.round((child.seen / Math.max(1, objects)) * 100)}%).`;
}

/** A name for the type from the event type: "pull_request.opened" → PullRequestOpened. */
export function typeName(eventType: string): string {
  const words = eventType.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : `Event${name}`;
}

function jsonSchemaOf(node: ShapeNode): Json {
  if (node.deep) return {};
  const variants = presentTypes(node).map((type): Json => {
    if (type === "string") {
      return { type, ...(node.format ? { format: node.format } : {}), ...(isEnumLike(node) ? { enum: node.values } : {}) };
    }
    if (type === "integer" && node.bigInteger) return { type, description: BIG_INTEGER_NOTE };
    if (type === "object") {
      const properties: Record<string, Json> = {};
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const schema = jsonSchemaOf(child);
        properties[key] =
          child.seen < (node.types.object ?? 0) ? { ...schema, description: [schema.description, share(child, node)].filter(Boolean).join(" ") } : schema;
      }
      const names = required(node);
      return { type, properties, ...(names.length > 0 ? { required: names } : {}) };
    }
    if (type === "array") return node.items ? { type, items: jsonSchemaOf(node.items) } : { type };
    return { type };
  });
  if (variants.length === 0) return {};
  if (variants.length === 1) return variants[0]!;
  // Plain types share one `type` list; anything with more to say keeps its own branch.
  if (variants.every((variant) => Object.keys(variant).length === 1)) return { type: variants.map((variant) => variant.type) };
  return { anyOf: variants };
}

export function toJsonSchema(node: ShapeNode, eventType: string): Json {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: eventType,
    description: `Learnt by Hookscope from ${node.seen} sample${node.seen === 1 ? "" : "s"} of ${eventType}.`,
    ...jsonSchemaOf(node),
  };
}

const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

function tsOf(node: ShapeNode, indent: string): string {
  if (node.deep) return "unknown";
  const inner = `${indent}  `;
  const variants = presentTypes(node).map((type) => {
    if (type === "null") return "null";
    if (type === "boolean") return "boolean";
    if (type === "integer" || type === "number") return "number";
    if (type === "string") return isEnumLike(node) ? node.values!.map((value) => JSON.stringify(value)).join(" | ") : "string";
    if (type === "array") {
      const item = node.items ? tsOf(node.items, indent) : "unknown";
      return /^[\w$]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
    }
    const lines = Object.entries(node.properties ?? {}).map(([name, child]) => {
      const optional = child.seen < (node.types.object ?? 0);
      const notes = [child.bigInteger ? BIG_INTEGER_NOTE : "", optional ? share(child, node) : ""].filter(Boolean);
      const doc = notes.length > 0 ? `${inner}/** ${notes.join(" ")} */\n` : "";
      return `${doc}${inner}${key(name)}${optional ? "?" : ""}: ${tsOf(child, inner)};`;
    });
    if (node.untrackedKeys) lines.push(`${inner}[key: string]: unknown;`);
    return lines.length === 0 ? "Record<string, unknown>" : `{\n${lines.join("\n")}\n${indent}}`;
  });
  return variants.length === 0 ? "unknown" : variants.join(" | ");
}

export function toTypeScript(node: ShapeNode, eventType: string): string {
  const name = typeName(eventType);
  return `/** ${eventType}, as learnt by Hookscope from ${node.seen} sample${node.seen === 1 ? "" : "s"}. */\nexport type ${name} = ${tsOf(node, "")};\n`;
}

function zodOf(node: ShapeNode, indent: string): string {
  if (node.deep) return "z.unknown()";
  const inner = `${indent}  `;
  const variants = presentTypes(node).map((type) => {
    if (type === "null") return "z.null()";
    if (type === "boolean") return "z.boolean()";
    // zod's int() stops at 2^53; past it only a plain number parses.
    if (type === "integer") return node.bigInteger ? "z.number()" : "z.number().int()";
    if (type === "number") return "z.number()";
    if (type === "string") {
      if (isEnumLike(node)) return `z.enum([${node.values!.map((value) => JSON.stringify(value)).join(", ")}])`;
      if (node.format === "date-time") return "z.iso.datetime({ offset: true })";
      if (node.format === "email") return "z.email()";
      if (node.format === "uri") return "z.url()";
      if (node.format === "uuid") return "z.uuid()";
      return "z.string()";
    }
    if (type === "array") return `z.array(${node.items ? zodOf(node.items, indent) : "z.unknown()"})`;
    const lines = Object.entries(node.properties ?? {}).map(([name, child]) => {
      const optional = child.seen < (node.types.object ?? 0);
      return `${inner}${key(name)}: ${zodOf(child, inner)}${optional ? ".optional()" : ""},`;
    });
    // Unknown keys are kept, not refused: a provider adding a field is drift to flag, not a parse error.
    return lines.length === 0 ? "z.looseObject({})" : `z.looseObject({\n${lines.join("\n")}\n${indent}})`;
  });
  if (variants.length === 0) return "z.unknown()";
  if (variants.length === 1) return variants[0]!;
  const withoutNull = variants.filter((variant) => variant !== "z.null()");
  if (withoutNull.length === 1) return `${withoutNull[0]}.nullable()`;
  return `z.union([${variants.join(", ")}])`;
}

export function toZod(node: ShapeNode, eventType: string): string {
  const name = typeName(eventType);
  return `import { z } from "zod";\n\n/** ${eventType}, as learnt by Hookscope from ${node.seen} sample${node.seen === 1 ? "" : "s"}. */\nexport const ${name} = ${zodOf(node, "")};\n\nexport type ${name} = z.infer<typeof ${name}>;\n`;
}

export function exportShape(node: ShapeNode, eventType: string, format: ExportFormat): { fileName: string; mediaType: string; content: string } {
  const base = eventType.replace(/[^A-Za-z0-9._-]+/g, "-");
  if (format === "json-schema") {
    return { fileName: `${base}.schema.json`, mediaType: "application/schema+json", content: `${JSON.stringify(toJsonSchema(node, eventType), null, 2)}\n` };
  }
  if (format === "typescript") return { fileName: `${base}.ts`, mediaType: "text/plain; charset=utf-8", content: toTypeScript(node, eventType) };
  return { fileName: `${base}.zod.ts`, mediaType: "text/plain; charset=utf-8", content: toZod(node, eventType) };
}
