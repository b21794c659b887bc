"use client";
import type { ReactNode } from "react";
import type { AccountData } from "@/lib/client/use-account-data";

/** The bordered list the account pages draw their rows in. */
export const ACCOUNT_LIST_CLASS =
  "divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60";

/**
 * One of the account pages' lists through its three states: a placeholder while it loads, why it
 * failed, a sentence when it is empty; `children` draws the items otherwise.
 */
export function AccountList<T, I>({
  data,
  items,
  what,
  empty,
  children,
}: {
  data: AccountData<T>;
  items: (value: T) => readonly I[];
  /** "your keys": completes "Could not load ...". */
  what: string;
  empty: ReactNode;
  children: (items: readonly I[]) => ReactNode;
}) {
  if (data.kind === "loading") return <div className="h-16 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />;
  if (data.kind === "failed") {
    return (
      <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
        Could not load {what}: {data.message}
      </p>
    );
  }
  const list = items(data.value);
  if (list.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
        {empty}
      </p>
    );
  }
  return children(list);
}
