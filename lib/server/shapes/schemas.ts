// Owner-supplied JSON Schemas: compiled with Ajv once per schema version, then run by the background
// learner (lib/server/shapes/learner.ts) against every request of their event type. Bins are anonymous, so the schema and
// the bodies are both untrusted: nothing here may fetch, and nothing may take more than linear time.
import { Ajv, type ErrorObject, type FuncKeywordDefinition, type Options, type SchemaValidateFunction, type ValidateFunction } from "ajv";
import type { RegExpEngine } from "ajv/dist/types/index.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats, { type FormatName } from "ajv-formats";
import { RE2JS } from "re2js";
import type { ShapeRow } from "@/lib/server/queries/hot-store-types";
import { assertBoundedCost, SchemaTooCostlyError } from "@/lib/server/shapes/schema-cost";
import type { JsonBody } from "@/lib/server/shapes/json-body";
import { SHAPE_MAX_BODY_BYTES } from "@/lib/server/shapes/json-body";
import { ValidatorCache } from "@/lib/server/shapes/validator-cache";
import { DomainError, errorMessage } from "@/lib/shared/errors";

/** Larger schemas are refused with 413: they are compiled into code, and kept per bin. */
export const SCHEMA_MAX_BYTES = 256 * 1024;
/** A failing request keeps its first failures: enough to see what is wrong, not a copy of the body. */
export const MAX_SCHEMA_FAILURES = 20;

export const SCHEMA_DRAFTS = ["2020-12", "draft-07"] as const;
export type SchemaDraft = (typeof SCHEMA_DRAFTS)[number];

const DRAFT_URIS: Record<string, SchemaDraft> = {
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
  "http://json-schema.org/draft-07/schema": "draft-07",
};

export const NOT_CHECKED_TOO_LARGE = `body over ${SHAPE_MAX_BODY_BYTES / 1024} KiB: not checked against the schema`;

/** One row of the EventSchema table, as the learner reads it. */
export interface StoredSchema {
  binId: string;
  eventType: string;
  id: string;
  version: number;
  schema: string;
}

export interface SchemaFailure {
  instancePath: string;
  message: string;
}

/** What a request's check found: `not_checked` says why in `note`, and is never a pass. */
export interface SchemaOutcome {
  result: "pass" | "fail" | "not_checked";
  failures: SchemaFailure[];
  /** All failures Ajv reported; `failures` holds the first MAX_SCHEMA_FAILURES. */
  failureCount: number;
  note: string | null;
}

export class SchemaRefusedError extends DomainError {
  constructor(message: string) {
    super("schema_invalid", message, 422);
  }
}

/**
 * `pattern` and `patternProperties` run on RE2 (re2js), whose matching time is linear in the input:
 * with V8's backtracking engine an owner's `(a+)+$` and a sender's body could hold the event loop,
 * and every other bin's checks (and the captures sharing the main thread) with it, for minutes. Patterns RE2 cannot run (backreferences, lookaround) are refused.
 */
const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
    } catch (error) {
      throw new SchemaRefusedError(
        `The pattern ${JSON.stringify(pattern)} cannot be used: ${errorMessage(error)}. Patterns run on a linear-time engine (RE2), which has no backreferences or lookaround.`,
      );
    }
    // Ajv keys its compiled patterns by toString(): two patterns must not share one.
    return { test: (text: string) => compiled.test(text), toString: () => `re2:${pattern}` };
  },
  { code: "re2js" },
);

const AJV_OPTIONS: Options = {
  // Owners paste schemas written for other tools (OpenAPI's `example`, `nullable`): unknown keywords are ignored, not refused.
  strict: false,
  allErrors: true,
  code: { regExp: linearRegExp },
};

/** JSON with object keys sorted: two values JSON Schema calls equal have the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Ajv compares every pair of items for `uniqueItems` on objects: measured, 16,000 small objects (a
 * 150 KiB body) took 38 s, holding the main thread. This keeps each item's
 * canonical text in a set instead: linear in the body.
 */
const uniqueItems: FuncKeywordDefinition = {
  keyword: "uniqueItems",
  type: "array",
  schemaType: "boolean",
  errors: true,
  validate: function check(unique: boolean, data: unknown[]): boolean {
    if (!unique) return true;
    const seen = new Map<string, number>();
    for (let i = 0; i < data.length; i++) {
      const key = canonical(data[i]);
      const j = seen.get(key);
      if (j !== undefined) {
        (check as SchemaValidateFunction).errors = [
          { keyword: "uniqueItems", message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, params: { i, j } },
        ];
        return false;
      }
      seen.set(key, i);
    }
    return true;
  },
};

/**
 * ajv-formats' checks that run in linear time on any string. Its "url" pattern backtracks
 * quadratically on a crafted string (a 64 KiB one took 5.5 s), so "url" is checked by URL_FORMAT.
 */
const LINEAR_FORMATS: FormatName[] = [
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "byte",
  "int32",
  "int64",
  "float",
  "double",
  "password",
  "binary",
];

/** ajv-formats' "url" (an http, https or ftp URL) through the WHATWG parser, which is linear. */
const URL_FORMAT = (text: string): boolean => /^(?:https?|ftp):\/\//i.test(text) && URL.canParse(text);

function newAjv(draft: SchemaDraft): Ajv | Ajv2020 {
  const ajv = draft === "2020-12" ? new Ajv2020(AJV_OPTIONS) : new Ajv(AJV_OPTIONS);
  addFormats.default(ajv, { formats: LINEAR_FORMATS });
  ajv.addFormat("url", URL_FORMAT);
  ajv.removeKeyword("uniqueItems");
  ajv.addKeyword(uniqueItems);
  return ajv;
}

/**
 * Schemas compiled by one Ajv instance per draft before it is replaced. Building an instance (its
 * meta-schemas and formats) was most of a compile (24 to 34 ms here); but an instance keeps values of
 * everything it compiled in its code scope even after removeSchema, so it is renewed now and then
 * rather than kept for ever. Validators keep working after their instance is replaced.
 */
const COMPILES_PER_INSTANCE = 100;
const instances = new Map<SchemaDraft, { ajv: Ajv | Ajv2020; compiles: number }>();

/** Compiles with the draft's shared instance; the schema is not kept registered (another bin may use the same $id). */
function compileWith(draft: SchemaDraft, schema: object): ValidateFunction {
  let held = instances.get(draft);
  if (held === undefined || held.compiles >= COMPILES_PER_INSTANCE) {
    held = { ajv: newAjv(draft), compiles: 0 };
    instances.set(draft, held);
  }
  held.compiles++;
  try {
    return held.ajv.compile(schema);
  } finally {
    held.ajv.removeSchema(schema);
  }
}

function draftOf(schema: unknown): SchemaDraft {
  if (schema === true || schema === false) return "2020-12";
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw new SchemaRefusedError("A JSON Schema is a JSON object (or true/false).");
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared === undefined) return "2020-12";
  const draft = typeof declared === "string" ? DRAFT_URIS[declared.replace(/#$/, "")] : undefined;
  if (!draft)
    throw new SchemaRefusedError(`Unsupported $schema ${JSON.stringify(declared)}: use ${Object.keys(DRAFT_URIS).join(" or ")}, or leave it out (2020-12).`);
  return draft;
}

export interface CompiledSchema {
  draft: SchemaDraft;
  validate: ValidateFunction;
}

/** Parses and compiles an owner's schema; refuses (422) one Ajv refuses, with Ajv's reason. */
export function compileSchema(text: string): CompiledSchema {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new SchemaRefusedError(`The schema is not JSON: ${errorMessage(error)}`);
  }
  const draft = draftOf(schema);
  // Before Ajv sees it: Ajv inlines small $refs, so compiling a doubling schema exhausts memory.
  let unfollowed: string[];
  try {
    unfollowed = assertBoundedCost(schema);
  } catch (error) {
    if (!(error instanceof SchemaTooCostlyError)) throw error;
    throw new SchemaRefusedError(`The schema would cost too much to check: ${error.message}.`);
  }
  let validate: ValidateFunction;
  try {
    validate = compileWith(draft, schema as object);
  } catch (error) {
    if (error instanceof SchemaRefusedError) throw error;
    const reason = errorMessage(error);
    // Ajv resolves $ref only within the schema: nothing is fetched, so a remote one cannot resolve.
    const hint = /can't resolve reference/.test(reason) ? " ($ref is resolved within the schema only, never fetched: put the definition under $defs)" : "";
    throw new SchemaRefusedError(`The schema is not valid JSON Schema ${draft}: ${reason}${hint}`);
  }
  // Ajv followed a reference the cost check could not (one relative to a nested $id): its cost is unknown.
  if (unfollowed.length > 0)
    throw new SchemaRefusedError(
      `The schema's cost cannot be bounded through $ref ${JSON.stringify(unfollowed[0])}: refer to #/$defs/... or an $anchor instead.`,
    );
  // A schema that applies itself to the same value ({"allOf": [{"$ref": "#"}]}) compiles, then
  // recurses without end on every body: refused here rather than found on every request.
  for (const probe of PROBES) {
    try {
      validate(probe);
    } catch (error) {
      throw new SchemaRefusedError(`The schema cannot be run: ${errorMessage(error)} (does it refer to itself for the same value?)`);
    }
  }
  return { draft, validate };
}

const PROBES: unknown[] = [null, true, 0, "", [], {}];

function failureOf(error: ErrorObject): SchemaFailure {
  const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
  const extra = params.additionalProperty ?? params.unevaluatedProperty;
  const message = error.message ?? error.keyword;
  return { instancePath: error.instancePath, message: extra === undefined ? message : `${message}: ${JSON.stringify(extra)}` };
}

/** Runs a compiled schema on one parsed body. */
export function checkValue(validate: ValidateFunction, value: unknown): SchemaOutcome {
  if (validate(value)) return { result: "pass", failures: [], failureCount: 0, note: null };
  const errors = validate.errors ?? [];
  return { result: "fail", failures: errors.slice(0, MAX_SCHEMA_FAILURES).map(failureOf), failureCount: errors.length, note: null };
}

/** Each schema is compiled into code and kept: a bin may hold this many. */
export const MAX_SCHEMAS_PER_BIN = 100;

/**
 * Compiled validators, so a batch (and every batch after it) compiles a schema once. A stored schema
 * that no longer compiles is remembered as its reason. A bin's share is its whole schema limit, so
 * an active bin's schemas all stay compiled, and the other half is always other bins'. Measured: a
 * validator of a provider-sized schema (2 KiB) holds about 21 KB; one of a 240 KiB schema about 5 MB:
 * VALIDATOR_BYTES_PER_SCHEMA_BYTE is a little above the larger ratio, and VALIDATOR_CACHE_BYTES bounds
 * the whole (a bin at most half): 200 validators of the largest schemas would otherwise hold 1 GB.
 */
const VALIDATOR_BYTES_PER_SCHEMA_BYTE = 24;
export const VALIDATOR_CACHE_BYTES = 64 * 1024 * 1024;
const compiled = new ValidatorCache<ValidateFunction | string>(2 * MAX_SCHEMAS_PER_BIN, MAX_SCHEMAS_PER_BIN, VALIDATOR_CACHE_BYTES);
const estimatedBytes = (schema: Pick<StoredSchema, "schema">) => schema.schema.length * VALIDATOR_BYTES_PER_SCHEMA_BYTE;

/** For tests: the cache itself (its size, a bin's share). */
export const compiledValidators: Pick<ValidatorCache<unknown>, "size" | "sizeOf" | "capacity" | "perBin" | "bytes" | "maxBytes"> = compiled;

export const schemaRef = (schema: Pick<StoredSchema, "id" | "version">) => `${schema.id}:${schema.version}`;

/** Keeps what a PUT just compiled, so the learner does not compile it again. */
export function rememberCompiled(schema: Pick<StoredSchema, "binId" | "id" | "version" | "schema">, validate: ValidateFunction): void {
  compiled.set(schema.binId, schema.id, schema.version, validate, estimatedBytes(schema));
}

function validatorFor(schema: StoredSchema): ValidateFunction | string {
  let found = compiled.get(schema.id, schema.version);
  if (found === undefined) {
    try {
      found = compileSchema(schema.schema).validate;
    } catch (error) {
      found = `the schema no longer compiles: ${errorMessage(error)}`;
    }
    compiled.set(schema.binId, schema.id, schema.version, found, typeof found === "string" ? found.length : estimatedBytes(schema));
  }
  return found;
}

/** Checks a parsed body against a stored schema. */
export function checkBody(schema: StoredSchema, body: JsonBody): SchemaOutcome {
  if (body.kind === "too_large") return { result: "not_checked", failures: [], failureCount: 0, note: NOT_CHECKED_TOO_LARGE };
  const validate = validatorFor(schema);
  if (typeof validate === "string") return { result: "not_checked", failures: [], failureCount: 0, note: validate };
  try {
    return checkValue(validate, body.value);
  } catch (error) {
    // Thrown inside the learner's transaction it would fail every request of the batch.
    return { result: "not_checked", failures: [], failureCount: 0, note: `the schema could not be run on this body: ${errorMessage(error)}` };
  }
}

/** The stored form of an outcome's details (CapturedRequest.schemaErrors). */
export function outcomeColumn(outcome: SchemaOutcome): string | null {
  return outcome.result === "pass" ? null : JSON.stringify({ failures: outcome.failures, count: outcome.failureCount, note: outcome.note });
}

export function outcomeFromColumns(result: string, details: string | null): SchemaOutcome {
  const parsed = details === null ? null : (JSON.parse(details) as { failures: SchemaFailure[]; count: number; note: string | null });
  return { result: result as SchemaOutcome["result"], failures: parsed?.failures ?? [], failureCount: parsed?.count ?? 0, note: parsed?.note ?? null };
}

/** Sets schemaResult, schemaErrors and schemaRef on each row whose event type has a schema. */
export function checkSchemas(rows: readonly ShapeRow[], bodyOf: (record: ShapeRow) => JsonBody | null, schemas: ReadonlyMap<string, StoredSchema>): void {
  for (const record of rows) {
    const schema = record.eventType === null ? undefined : schemas.get(record.eventType);
    if (!schema) continue;
    const body = bodyOf(record);
    // Every row of the type gets a verdict against this version, so none stays "pending" for want of one.
    const outcome: SchemaOutcome =
      body === null ? { result: "not_checked", failures: [], failureCount: 0, note: "the body is not JSON" } : checkBody(schema, body);
    record.schemaResult = outcome.result;
    record.schemaErrors = outcomeColumn(outcome);
    record.schemaRef = schemaRef(schema);
  }
}
