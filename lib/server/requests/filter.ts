import { z } from "zod";
import type { RequestDetail } from "@/lib/shared/api-types";
import { headerValues } from "@/lib/shared/headers";
import { parseJsonPath, valueAt } from "@/lib/shared/json-path";

/** The parts of a request both the wait API and the list's search match on. */
export const RequestMatchFields = z.object({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, "method is a word such as POST")
    .optional(),
  /** The subpath after the bin id, exactly; a trailing `*` matches any rest. */
  path: z.string().max(2048).optional(),
  /** A header that must be present (any case)... */
  header: z
    .string()
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "header is a header name without spaces")
    .optional(),
  /** ...and, when given, the exact value one of its occurrences has. */
  headerValue: z.string().max(8192).optional(),
});

export const headerValueNeedsHeader = (filter: { header?: string | undefined; headerValue?: string | undefined }) =>
  filter.headerValue === undefined || filter.header !== undefined;

/** What the wait API (and later search) matches a request against; every given part must hold. */
export const RequestFilterSchema = RequestMatchFields.extend({
  /** Text the body contains (as UTF-8). */
  bodyContains: z.string().min(1).optional(),
  /** A path into a JSON body such as `data.object.id` or `$.items[0].sku`... */
  jsonPath: z.string().max(512).optional(),
  /** ...and the value found there: JSON (`42`, `true`, `"x"`) or plain text compared with the value as text. */
  jsonEquals: z.string().optional(),
})
  .refine(headerValueNeedsHeader, "headerValue needs header")
  .refine((filter) => (filter.jsonPath === undefined) === (filter.jsonEquals === undefined), "jsonPath and jsonEquals go together");

export type RequestFilter = z.infer<typeof RequestFilterSchema>;

// Deeper than any real webhook payload; a hostile body nested past it simply does not match.
const MAX_COMPARE_DEPTH = 512;

/**
 * Whether two JSON values are equal (object keys in any order), walked with an explicit stack: a
 * body nested 100,000 levels deep must make a match false, never overflow the call stack.
 */
function sameJson(left: unknown, right: unknown): boolean {
  const pending: [unknown, unknown, number][] = [[left, right, 0]];
  while (pending.length > 0) {
    const [a, b, depth] = pending.pop()!;
    if (a === b) continue;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || depth >= MAX_COMPARE_DEPTH) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const key of keysA) {
      if (!Object.hasOwn(b, key)) return false;
      pending.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return true;
}

function jsonEquals(actual: unknown, expected: string): boolean {
  let wanted: unknown;
  try {
    wanted = JSON.parse(expected);
  } catch {
    // Plain text: compared with a string value as it is, with a number, boolean or null as its JSON text.
    if (typeof actual === "string") return actual === expected;
    return actual === null || typeof actual !== "object" ? JSON.stringify(actual) === expected : false;
  }
  return sameJson(actual, wanted);
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

export function matchesFilter(request: RequestDetail, filter: RequestFilter): boolean {
  if (filter.method && request.method.toUpperCase() !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined && !pathMatches(filter.path, request.path)) return false;
  if (filter.header) {
    const values = headerValues(request.headers, filter.header);
    if (values.length === 0) return false;
    if (filter.headerValue !== undefined && !values.includes(filter.headerValue)) return false;
  }
  if (filter.bodyContains !== undefined && !(request.bodyText ?? "").includes(filter.bodyContains)) return false;
  if (filter.jsonPath !== undefined && filter.jsonEquals !== undefined) {
    const steps = parseJsonPath(filter.jsonPath);
    if (!steps || request.bodyText === null) return false;
    let document: unknown;
    try {
      document = JSON.parse(request.bodyText);
    } catch {
      return false;
    }
    const { found, value } = valueAt(document, steps);
    if (!found || !jsonEquals(value, filter.jsonEquals)) return false;
  }
  return true;
}
