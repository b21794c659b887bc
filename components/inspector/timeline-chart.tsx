"use client";
import { useMemo } from "react";
import type { Timeline } from "@/lib/shared/api-types";
import { formatTimestamp } from "@/lib/client/format";

interface TimelineChartProps {
  timeline: Timeline;
  /** Narrows the list to one bucket's time range. */
  onPickRange(from: Date, to: Date): void;
}

const HEIGHT = 36;

/** Requests per bucket as bars: bursts and gaps at a glance. A bar is a button to filter by its range. */
export function TimelineChart({ timeline, onPickRange }: TimelineChartProps) {
  const { counts, bucketMs } = timeline;
  const start = Date.parse(timeline.from);
  const max = Math.max(1, ...counts);
  const total = useMemo(() => counts.reduce((sum, n) => sum + n, 0), [counts]);
  const width = counts.length;
  const peak = Math.max(0, ...counts);

  if (total === 0) return null;
  return (
    <figure className="shrink-0 border-b border-zinc-200 px-4 pt-2 pb-1.5 dark:border-zinc-800">
      <figcaption className="mb-1 flex justify-between text-[11px] text-zinc-500 tabular-nums dark:text-zinc-400">
        <span>Request rate</span>
        <span>
          peak {peak} per {describeBucket(bucketMs)}
        </span>
      </figcaption>
      <svg
        role="img"
        aria-label={`Request rate: ${total} requests in ${counts.length} buckets of ${describeBucket(bucketMs)}, peak ${peak}`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="block h-9 w-full overflow-visible"
      >
        <line
          x1={0}
          x2={width}
          y1={HEIGHT - 0.25}
          y2={HEIGHT - 0.25}
          strokeWidth={0.5}
          vectorEffect="non-scaling-stroke"
          className="stroke-zinc-200 dark:stroke-zinc-700"
        />
        {counts.map((count, index) => {
          const from = new Date(start + index * bucketMs);
          const to = new Date(start + (index + 1) * bucketMs);
          const height = count === 0 ? 0 : Math.max(1.5, (count / max) * (HEIGHT - 2));
          return (
            <g key={index} className="group cursor-pointer" onClick={() => count > 0 && onPickRange(from, to)}>
              {/* Full-height hit area so thin bars are easy to point at. */}
              <rect x={index} y={0} width={1} height={HEIGHT} className="fill-transparent group-hover:fill-indigo-500/10" />
              <rect
                x={index + 0.12}
                y={HEIGHT - height}
                width={0.76}
                height={height}
                className="fill-indigo-500 group-hover:fill-indigo-400 dark:fill-indigo-400"
              />
              <title>{`${formatTimestamp(from.toISOString())} – ${formatTimestamp(to.toISOString()).slice(11)}: ${count} ${count === 1 ? "request" : "requests"}`}</title>
            </g>
          );
        })}
      </svg>
      <div className="mt-0.5 flex justify-between text-[10px] text-zinc-400 tabular-nums dark:text-zinc-500">
        <span>{formatTimestamp(timeline.from).slice(0, 19)}</span>
        <span>{formatTimestamp(timeline.to).slice(0, 19)}</span>
      </div>
    </figure>
  );
}

function describeBucket(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}
