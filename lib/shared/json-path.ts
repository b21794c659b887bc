// The one JSON path dialect of the product: the wait API's `jsonPath` and a bin's event type path.

/** `a.b[0].c` or `$.a.b[0].c` → ["a", "b", 0, "c"]; null when malformed. */
export function parseJsonPath(path: string): (string | number)[] | null {
  const text = path.startsWith("$") ? path.slice(1) : `.${path}`;
  const steps: (string | number)[] = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/y;
  let at = 0;
  while (at < text.length) {
    step.lastIndex = at;
    const match = step.exec(text);
    if (!match) return null;
    steps.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!));
    at = step.lastIndex;
  }
  return steps;
}

/** The value at `steps` in a parsed JSON document; `found` is false when a step is missing. */
export function valueAt(document: unknown, steps: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let current: unknown = document;
  for (const step of steps) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, step)) return { found: false };
    current = (current as Record<string | number, unknown>)[step];
  }
  return { found: true, value: current };
}
