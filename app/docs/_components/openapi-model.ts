// A read-only view of the OpenAPI document for the docs page: just the parts it renders, typed.
type Json = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Json;
  /** Used in the curl example. */
  example?: unknown;
}

export interface MediaType {
  schema?: Json;
  /** The body of the curl example. */
  example?: unknown;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  /** "ANY" for an operation listed under every method (`x-any-method`). */
  method: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: [string, Response][];
  /** `x-curl-options`: what the curl example adds verbatim (an output file, a body from a file). */
  curlOptions: string[];
}

export interface PathItem {
  path: string;
  parameters: Parameter[];
  operations: Operation[];
}

export interface ApiDocument {
  title: string;
  version: string;
  description: string;
  paths: PathItem[];
  schemas: [string, Json][];
}

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const parameters = (value: unknown): Parameter[] => (Array.isArray(value) ? value.filter(isObject).map((p) => p as unknown as Parameter) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

function readOperation(method: string, op: Json): Operation & { anyMethod: boolean } {
  return {
    method: method.toUpperCase(),
    anyMethod: op["x-any-method"] === true,
    summary: text(op.summary),
    description: text(op.description),
    security: Array.isArray(op.security) ? op.security : undefined,
    parameters: parameters(op.parameters),
    requestBody: isObject(op.requestBody) ? (op.requestBody as Operation["requestBody"]) : undefined,
    responses: isObject(op.responses)
      ? Object.entries(op.responses).flatMap(([status, r]) => (isObject(r) ? [[status, r as Response] as [string, Response]] : []))
      : [],
    curlOptions: strings(op["x-curl-options"]),
  };
}

/** The operations of one path, those marked `x-any-method` folded into one ANY operation (the POST one's body). */
function foldAnyMethod(operations: (Operation & { anyMethod: boolean })[]): Operation[] {
  const any = operations.filter((op) => op.anyMethod);
  const rest = operations.filter((op) => !op.anyMethod);
  const base = any.find((op) => op.method === "POST") ?? any[0];
  if (!base) return rest;
  return [{ ...base, method: "ANY" }, ...rest];
}

export function readDocument(doc: Json): ApiDocument {
  const info = isObject(doc.info) ? doc.info : {};
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const paths = isObject(doc.paths) ? doc.paths : {};
  return {
    title: text(info.title) ?? "API",
    version: text(info.version) ?? "",
    description: text(info.description) ?? "",
    schemas: Object.entries(schemas).flatMap(([name, schema]) => (isObject(schema) ? [[name, schema] as [string, Json]] : [])),
    paths: Object.entries(paths).flatMap(([path, item]) => {
      if (!isObject(item)) return [];
      const operations = foldAnyMethod(
        METHODS.flatMap((method) => {
          const op = item[method];
          return isObject(op) ? [readOperation(method, op)] : [];
        }),
      );
      return [{ path, parameters: parameters(item.parameters), operations }];
    }),
  };
}

/** The component name a `$ref` points at, e.g. "BinInfo". */
export function refName(schema: Json | undefined): string | null {
  const ref = schema && text(schema.$ref);
  return ref?.startsWith("#/components/schemas/") ? ref.slice("#/components/schemas/".length) : null;
}

/** A path with a line-break chance after each "/": it wraps between segments, never inside a word. */
export function pathSegments(path: string): string[] {
  return path.split(/(?<=\/)/);
}

/** A stable anchor for a heading. */
export function slug(...parts: string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[{}]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** "string", "integer (1–200, default 50)", "dead | all": a parameter's schema in a few words. */
export function describeSchema(schema: Json | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(" | ");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (text(schema.type) ?? refName(schema) ?? "any");
  const notes: string[] = [];
  if (typeof schema.minimum === "number" && typeof schema.maximum === "number") notes.push(`${schema.minimum}–${schema.maximum}`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  if (text(schema.pattern)) notes.push(`pattern ${String(schema.pattern)}`);
  return notes.length > 0 ? `${type} (${notes.join(", ")})` : type;
}

/** Pretty JSON without the draft marker zod adds to every schema. */
export function prettySchema(schema: Json): string {
  const { $schema: _drop, ...rest } = schema;
  return JSON.stringify(rest, null, 2);
}
