import { useMemo } from "react";
import type { RequestDetail } from "@/lib/api-types";
import { rawRequestText } from "@/lib/client/raw-request";
import { CopyButton } from "@/components/ui/copy-button";

export function RawTab({ detail }: { detail: RequestDetail }) {
  const text = useMemo(() => rawRequestText(detail), [detail]);
  return (
    <div className="relative">
      <div className="absolute top-2 right-3">
        <CopyButton text={text} label="Copy raw request" showText />
      </div>
      <pre aria-label="Raw HTTP request" className="p-4 pr-24 font-mono text-[13px] leading-relaxed break-all whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
        {text}
      </pre>
    </div>
  );
}
