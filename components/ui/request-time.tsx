"use client";
import { formatRelativeTime, formatTimestamp } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { useTimeFormat } from "@/lib/client/time-format";

/** A capture time in the chosen format, with the other one as its tooltip. */
export function RequestTime({ iso, now: givenNow, className = "" }: { iso: string; now?: number; className?: string }) {
  const [format] = useTimeFormat();
  const ownNow = useNow(givenNow === undefined ? 5_000 : 3_600_000);
  const now = givenNow ?? ownNow;
  const absolute = formatTimestamp(iso);
  const relative = formatRelativeTime(iso, now);
  return (
    <time dateTime={iso} title={format === "relative" ? absolute : relative} className={className}>
      {format === "relative" ? relative : absolute}
    </time>
  );
}
