"use client";
import { useState } from "react";
import { TEXT_RENDER_CHARS } from "@/lib/shared/body/limits";
import { formatBytes } from "@/lib/client/format";
import { Button } from "@/components/ui/button";

interface TextViewProps {
  text: string;
  label?: string;
  /** Extra classes for the <pre>, e.g. for a highlighted error line. */
  className?: string;
}

/** Source text as text nodes only; a very long text is drawn in steps so the tab stays responsive. */
export function TextView({ text, label = "Body text", className = "" }: TextViewProps) {
  const [shown, setShown] = useState(TEXT_RENDER_CHARS);
  const cut = text.length > shown;
  return (
    <>
      <pre
        aria-label={label}
        className={`font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere] dark:text-zinc-200 ${className}`}
      >
        {cut ? text.slice(0, shown) : text}
      </pre>
      {cut && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          Showing {formatBytes(shown)} of {formatBytes(text.length)} characters.
          <Button size="sm" onClick={() => setShown((n) => n * 4)}>
            Show more
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setShown(text.length)}>
            Show all
          </Button>
        </div>
      )}
    </>
  );
}
