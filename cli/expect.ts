import { isDeepStrictEqual } from "node:util";
import { CliError } from "./errors";

/** What a handler's answer must show for a fixture to pass. */
export type Expectation =
  | { kind: "class"; digit: number; text: string }
  | { kind: "status"; status: number; text: string }
  | { kind: "json"; path: (string | number)[]; value: unknown; text: string };

export interface Answer {
  status: number;
  body: Buffer;
}

/** `2xx`, `204` or `json-path=value` (`$.received=true`, `data.items[0].id="a"`); the value is JSON, else a string. */
export function parseExpectation(raw: string): Expectation {
  const text = raw.trim();
  if (/^[1-5]xx$/i.test(text)) return { kind: "class", digit: Number(text[0]), text: text.toLowerCase() };
  if (/^[1-5]\d\d$/.test(text)) return { kind: "status", status: Number(text), text };
  const split = text.indexOf("=");
  if (split > 0) {
    const path = parseJsonPath(text.slice(0, split).trim());
    const source = text.slice(split + 1);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      value = source;
    }
    if (path) return { kind: "json", path, value, text: `${formatPath(path)} = ${JSON.stringify(value)}` };
  }
  throw new CliError(`--expect "${raw}": expected 2xx (or 4xx…), a status such as 204, or json-path=value such as $.received=true.`, true);
}

/** `$.a.b[0]`, `a.b.0` → ["a", "b", 0]; undefined when it is not a path. */
function parseJsonPath(text: string): (string | number)[] | undefined {
  const body = text.replace(/^\$\.?/, "");
  if (body === "") return [];
  const parts: (string | number)[] = [];
  for (const token of body.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (token[2] !== undefined) parts.push(Number(token[2]));
    else parts.push(/^\d+$/.test(token[1]!) ? Number(token[1]) : token[1]!);
  }
  return parts.length > 0 ? parts : undefined;
}

function formatPath(path: (string | number)[]): string {
  return `$${path.map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`)).join("")}`;
}

/** The value at a parsed JSON path, and whether there is one. */
export function pick(value: unknown, path: (string | number)[]): { found: boolean; value?: unknown } {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return { found: false };
    current = (current as Record<string | number, unknown>)[part];
  }
  return { found: true, value: current };
}

const BODY_SHOWN = 300;

/** Each unmet expectation as "expected … / got …" lines; empty when the answer passes. */
export function checkAnswer(expectations: readonly Expectation[], answer: Answer): string[] {
  const diffs: string[] = [];
  let json: { ok: true; value: unknown } | { ok: false } | undefined;
  for (const expectation of expectations) {
    if (expectation.kind === "class" && Math.floor(answer.status / 100) !== expectation.digit) {
      diffs.push(`expected status ${expectation.text}\n     got status ${answer.status}`);
    } else if (expectation.kind === "status" && answer.status !== expectation.status) {
      diffs.push(`expected status ${expectation.status}\n     got status ${answer.status}`);
    } else if (expectation.kind === "json") {
      if (json === undefined) {
        try {
          json = { ok: true, value: JSON.parse(answer.body.toString("utf8")) };
        } catch {
          json = { ok: false };
        }
      }
      const shown = answer.body.toString("utf8").slice(0, BODY_SHOWN);
      if (!json.ok) {
        diffs.push(`expected ${expectation.text}\n     got a body that is not JSON: ${JSON.stringify(shown)}`);
        continue;
      }
      const got = pick(json.value, expectation.path);
      if (!got.found) diffs.push(`expected ${expectation.text}\n     got no ${formatPath(expectation.path)} in ${shown}`);
      else if (!isDeepStrictEqual(got.value, expectation.value))
        diffs.push(`expected ${expectation.text}\n     got ${formatPath(expectation.path)} = ${JSON.stringify(got.value)}`);
    }
  }
  return diffs;
}
