import { useMemo } from "react";
import { JSON_HIGHLIGHT_CHARS, tokenizeJson, type JsonTokenKind } from "@/lib/client/body";

const TOKEN_CLASS: Record<JsonTokenKind, string | undefined> = {
  key: "text-sky-800 dark:text-sky-300",
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-amber-700 dark:text-amber-300",
  literal: "text-violet-700 dark:text-violet-300",
  plain: undefined,
};

/** Formatted JSON with coloured tokens; every token is a text node, never markup. */
export function JsonView({ formatted }: { formatted: string }) {
  const tokens = useMemo(() => (formatted.length <= JSON_HIGHLIGHT_CHARS ? tokenizeJson(formatted) : null), [formatted]);
  return (
    <pre className="font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300">
      {tokens
        ? tokens.map((token, index) =>
            TOKEN_CLASS[token.kind] ? (
              <span key={index} className={TOKEN_CLASS[token.kind]}>
                {token.text}
              </span>
            ) : (
              token.text
            ),
          )
        : formatted}
    </pre>
  );
}
