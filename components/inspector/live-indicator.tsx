import type { LiveStatus } from "@/lib/client/use-bin-socket";

const LOOK: Record<LiveStatus, { label: string; dot: string; text: string }> = {
  live: { label: "Live", dot: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-300" },
  connecting: { label: "Connecting…", dot: "bg-amber-400", text: "text-amber-700 dark:text-amber-300" },
  offline: { label: "Offline, reconnecting…", dot: "bg-rose-500", text: "text-rose-700 dark:text-rose-300" },
};

/** On phones the dot alone, so the bin card keeps to one line (the words stay for screen readers and as a tooltip). */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const look = LOOK[status];
  return (
    <span
      role="status"
      aria-label={`Connection: ${look.label}`}
      title={look.label}
      className={`inline-flex shrink-0 items-center gap-1.5 text-xs font-medium ${look.text}`}
    >
      <span className="relative flex size-2">
        {status === "live" && <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-400 opacity-60" />}
        <span className={`relative inline-flex size-2 rounded-full ${look.dot}`} />
      </span>
      <span className="max-sm:sr-only">{look.label}</span>
    </span>
  );
}
