/** An HTTP status, coloured by class: the first thing to read in a delivery's outcome. */
export function StatusPill({ status }: { status: number }) {
  const tone =
    status < 300
      ? "bg-emerald-100 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30"
      : status < 400
        ? "bg-sky-100 text-sky-800 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30"
        : status < 500
          ? "bg-amber-100 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30"
          : "bg-rose-100 text-rose-800 ring-rose-600/20 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/30";
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold tabular-nums ring-1 ring-inset ${tone}`}>{status}</span>
  );
}
