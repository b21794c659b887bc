"use client";
import { useEffect, useMemo, useState } from "react";
import { rowText, textRowStarts } from "@/lib/shared/body/text-rows";
import { useVirtualRows } from "@/lib/client/use-virtual-rows";

const ROW_HEIGHT = 20;
/** Horizontal padding of the rows (px-3 on each side), left out of the width text may take. */
const PADDING_X = 24;
/** Until the font is measured: about what fits a detail pane at 1440 px. */
const DEFAULT_COLUMNS = 100;

/**
 * Text of any size drawn a screenful at a time: rows are cut at line breaks and at the box's width,
 * and only the rows in view (plus a margin) are in the DOM, so a 10 MiB body scrolls like a short one.
 */
interface WindowedTextProps {
  text: string;
  label: string;
  /** Sizes the box; the text scrolls inside it. */
  className: string;
}

export function WindowedText({ text, label, className }: WindowedTextProps) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [probe, setProbe] = useState<HTMLSpanElement | null>(null);
  const columns = useColumns(element, probe);
  const starts = useMemo(() => textRowStarts(text, columns), [text, columns]);
  const { start, end, totalHeight } = useVirtualRows(element, starts.length, ROW_HEIGHT, 20);
  const rows: string[] = [];
  for (let index = start; index < end; index++) rows.push(rowText(text, starts, index));

  return (
    <div
      ref={setElement}
      tabIndex={0}
      aria-label={label}
      className={`relative overflow-auto rounded-md font-mono text-[13px] text-zinc-800 ring-1 ring-zinc-200 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-200 dark:ring-zinc-800 ${className}`}
    >
      {/* Ten characters in the rows' font: their width gives the columns a row may hold. */}
      <span ref={setProbe} aria-hidden="true" className="invisible absolute whitespace-pre">
        0123456789
      </span>
      <div style={{ height: totalHeight, position: "relative" }}>
        <pre className="absolute inset-x-0 px-3 whitespace-pre" style={{ top: start * ROW_HEIGHT, lineHeight: `${ROW_HEIGHT}px` }}>
          {rows.join("\n")}
        </pre>
      </div>
    </div>
  );
}

/** Characters per row for the box's current width, measured again when it resizes. */
function useColumns(element: HTMLElement | null, probe: HTMLElement | null): number {
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  useEffect(() => {
    if (!element || !probe) return;
    const measure = () => {
      const charWidth = probe.getBoundingClientRect().width / 10;
      if (charWidth > 0) setColumns(Math.max(20, Math.floor((element.clientWidth - PADDING_X) / charWidth)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, probe]);
  return columns;
}
