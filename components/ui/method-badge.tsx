const COLORS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  POST: "bg-emerald-100 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  PUT: "bg-amber-100 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
  PATCH: "bg-violet-100 text-violet-800 ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/30",
  DELETE: "bg-rose-100 text-rose-800 ring-rose-600/20 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/30",
};
const OTHER = "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/30";

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex min-w-14 items-center justify-center rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold tracking-wide ring-1 ring-inset ${COLORS[method.toUpperCase()] ?? OTHER}`}
    >
      {method.length > 7 ? `${method.slice(0, 6)}…` : method}
    </span>
  );
}
