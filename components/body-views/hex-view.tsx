"use client";
import { useState } from "react";
import { hexDump, hexLine, hexLineCount } from "@/lib/shared/body/hex";
import { useVirtualRows } from "@/lib/client/use-virtual-rows";

/** Up to this many lines the dump is one plain <pre>; beyond, only the visible lines are drawn. */
const PLAIN_LINES = 4096;
const LINE_HEIGHT = 20;

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const lines = hexLineCount(bytes.length);
  if (lines <= PLAIN_LINES) {
    return (
      <pre aria-label="Hex dump" className="overflow-x-auto font-mono text-[12.5px] leading-5 whitespace-pre text-zinc-800 dark:text-zinc-200">
        {hexDump(bytes)}
      </pre>
    );
  }
  return <VirtualHex bytes={bytes} lines={lines} />;
}

function VirtualHex({ bytes, lines }: { bytes: Uint8Array; lines: number }) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const { start, end, totalHeight } = useVirtualRows(element, lines, LINE_HEIGHT, 20);
  const shown: string[] = [];
  for (let line = start; line < end; line++) shown.push(hexLine(bytes, line));
  return (
    <div ref={setElement} className="h-[min(70vh,40rem)] overflow-auto rounded-md ring-1 ring-zinc-200 dark:ring-zinc-800" tabIndex={0} aria-label="Hex dump">
      <div style={{ height: totalHeight, position: "relative" }}>
        <pre
          className="absolute left-0 px-2 font-mono text-[12.5px] whitespace-pre text-zinc-800 dark:text-zinc-200"
          style={{ top: start * LINE_HEIGHT, lineHeight: `${LINE_HEIGHT}px` }}
        >
          {shown.join("\n")}
        </pre>
      </div>
    </div>
  );
}
