"use client";
import { useMemo } from "react";
import { formatJson, tokenizeJson, type JsonTokenKind } from "@/lib/shared/body/json";
import { JSON_HIGHLIGHT_CHARS } from "@/lib/shared/body/limits";
import { CopyButton } from "@/components/ui/copy-button";
import { TextView } from "./text-view";

const TOKEN_CLASS: Record<JsonTokenKind, string | undefined> = {
  key: "text-sky-800 dark:text-sky-300",
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-amber-700 dark:text-amber-300",
  literal: "text-violet-700 dark:text-violet-300",
  plain: undefined,
};

/** Re-indented JSON text: numbers, escapes and duplicate keys exactly as sent. */
export function JsonPrettyView({ text }: { text: string }) {
  const formatted = useMemo(() => formatJson(text), [text]);
  const tokens = useMemo(() => (formatted.length <= JSON_HIGHLIGHT_CHARS ? tokenizeJson(formatted) : null), [formatted]);
  return (
    <div className="relative">
      <div className="absolute top-0 right-0">
        <CopyButton text={formatted} label="Copy pretty JSON" showText />
      </div>
      {tokens ? (
        <pre
          aria-label="Pretty JSON"
          className="pr-20 font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300"
        >
          {tokens.map((token, index) =>
            TOKEN_CLASS[token.kind] ? (
              <span key={index} className={TOKEN_CLASS[token.kind]}>
                {token.text}
              </span>
            ) : (
              token.text
            ),
          )}
        </pre>
      ) : (
        <TextView text={formatted} label="Pretty JSON" className="pr-20" />
      )}
    </div>
  );
}
