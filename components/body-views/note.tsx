import type { ReactNode } from "react";

const TONES = {
  info: "bg-zinc-50 text-zinc-700 ring-zinc-500/15 dark:bg-zinc-800/60 dark:text-zinc-300 dark:ring-zinc-400/20",
  warn: "bg-amber-50 text-amber-800 ring-amber-600/15 dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/20",
  error: "bg-rose-50 text-rose-800 ring-rose-600/15 dark:bg-rose-400/10 dark:text-rose-200 dark:ring-rose-400/20",
} as const;

export function Note({ tone = "warn", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : undefined} className={`mb-3 rounded-md px-3 py-2 text-xs ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </div>
  );
}
