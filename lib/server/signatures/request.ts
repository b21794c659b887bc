import { headerValue } from "@/lib/shared/headers";
import type { CapturedRequest } from "../../shared/signature-types";

const decoder = new TextDecoder("utf-8");

export { headerValue, headerValues } from "@/lib/shared/headers";

/** The first of `names` that is present, with its value: providers renamed headers over time. */
export function firstHeader(headers: readonly (readonly [string, string])[], names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A read-only view of a captured request with lazily derived forms of the body. Schemes read the
 * body through it so alternatives (a re-serialised body, another URL) can be tried by building a
 * second view, not by threading parameters through every scheme.
 */
export class RequestView {
  private text: string | undefined;
  private parsed: { value: Json | undefined } | undefined;
  /** Values by lower-case name, built on the first lookup: capture asks every scheme whether its headers are there. */
  private byName: Map<string, string[]> | undefined;

  constructor(readonly raw: CapturedRequest) {}

  get method(): string {
    return this.raw.method;
  }
  get url(): string {
    return this.raw.url;
  }
  get body(): Uint8Array {
    return this.raw.body;
  }
  get receivedAt(): number {
    return this.raw.receivedAt;
  }
  get subpath(): string | undefined {
    return this.raw.subpath;
  }

  private values(name: string): string[] | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const [key, value] of this.raw.headers) {
        const lower = key.toLowerCase();
        const known = this.byName.get(lower);
        if (known) known.push(value);
        else this.byName.set(lower, [value]);
      }
    }
    return this.byName.get(name.toLowerCase());
  }

  header(name: string): string | undefined {
    return this.values(name)?.[0];
  }

  headerCount(name: string): number {
    return this.values(name)?.length ?? 0;
  }

  has(name: string): boolean {
    return this.header(name) !== undefined;
  }

  /** UTF-8 text of the body (invalid sequences become U+FFFD, as SDKs that call toString() see it). */
  bodyText(): string {
    this.text ??= decoder.decode(this.raw.body);
    return this.text;
  }

  /** The body as JSON, or undefined when it is not JSON. */
  json(): Json | undefined {
    if (!this.parsed) {
      let value: Json | undefined;
      try {
        value = JSON.parse(this.bodyText()) as Json;
      } catch {
        value = undefined;
      }
      this.parsed = { value };
    }
    return this.parsed.value;
  }

  contentType(): string {
    return (this.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  }

  /** The body's form fields when it is application/x-www-form-urlencoded. */
  form(): URLSearchParams | undefined {
    if (this.contentType() !== "application/x-www-form-urlencoded") return undefined;
    return new URLSearchParams(this.bodyText());
  }

  with(changes: Partial<CapturedRequest>): RequestView {
    return new RequestView({ ...this.raw, ...changes });
  }
}

/** A field of a JSON object, or undefined: payload shapes are not trusted. */
export function field(value: Json | undefined, ...path: string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}
