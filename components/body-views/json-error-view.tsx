import type { JsonSyntaxError } from "@/lib/shared/body/json";
import { Note } from "./note";
import { TextView } from "./text-view";

/** Lines shown around the error, before and after. */
const CONTEXT_LINES = 2;

/** Invalid JSON: the parser's complaint, where it is, and the text exactly as received. */
export function JsonErrorView({ error, text }: { error: JsonSyntaxError; text: string }) {
  const lines = text.split("\n");
  const first = Math.max(1, error.line - CONTEXT_LINES);
  const last = Math.min(lines.length, error.line + CONTEXT_LINES);
  const width = String(last).length;
  return (
    <>
      <Note tone="error">
        <p className="font-medium">
          Invalid JSON: {error.message} at line {error.line}, column {error.column}.
        </p>
        <p className="mt-1">The body is shown below exactly as received.</p>
      </Note>
      <pre
        aria-label="JSON error location"
        className="mb-4 overflow-x-auto rounded-md bg-zinc-50 p-2 font-mono text-[12.5px] leading-5 whitespace-pre text-zinc-700 ring-1 ring-zinc-200 dark:bg-zinc-950/60 dark:text-zinc-300 dark:ring-zinc-800"
      >
        {Array.from({ length: last - first + 1 }, (_, k) => {
          const number = first + k;
          const line = (lines[number - 1] ?? "").slice(0, 400);
          const marked = number === error.line;
          return (
            <span key={number} className={marked ? "block bg-rose-100/70 dark:bg-rose-500/15" : "block"}>
              <span className="text-zinc-400 select-none">{String(number).padStart(width)} │ </span>
              {line}
              {marked && (
                <span className="block text-rose-600 dark:text-rose-400">
                  <span className="select-none">{" ".repeat(width)} │ </span>
                  {" ".repeat(Math.min(error.column - 1, 400))}^
                </span>
              )}
            </span>
          );
        })}
      </pre>
      <TextView text={text} />
    </>
  );
}
