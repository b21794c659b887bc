"use client";
import { useEffect, useState } from "react";
import type { AuditList } from "@/lib/shared/api-types";
import { AuditListSchema } from "@/lib/shared/contract";
import { json } from "@/lib/client/api";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { errorMessage } from "@/lib/shared/errors";
import { Button } from "@/components/ui/button";
import { Drawer } from "@/components/owner-tools/drawer";

type Entries = { kind: "loading" } | { kind: "ready"; entries: AuditList["entries"] } | { kind: "failed"; message: string };

/** Facts of an audit line as short text: which parts changed, which secret, which role. */
function describeDetail(detail: AuditList["entries"][number]["detail"]): string {
  return Object.entries(detail)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" · ");
}

/** Where a log is read: a bin's (its token, or the session), a team's or the instance's (the session). */
interface AuditSource {
  path: string;
  token?: string;
  label: string;
}

function HistoryList({ source }: { source: AuditSource }) {
  const { path, token } = source;
  const [state, setState] = useState<Entries>({ kind: "loading" });
  const now = useNow(30_000);
  useEffect(() => {
    const controller = new AbortController();
    json(AuditListSchema, path, { token, signal: controller.signal }).then(
      ({ entries }) => setState({ kind: "ready", entries }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: "failed", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [path, token]);

  if (state.kind === "loading") return <div className="h-24 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-900" />;
  if (state.kind === "failed") {
    return (
      <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
        {state.message}
      </p>
    );
  }
  if (state.entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No changes recorded yet.</p>;
  return (
    <ol aria-label={source.label} className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {state.entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className="py-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-mono text-xs font-medium">{entry.action}</span>
            <span className="text-xs text-zinc-500 dark:text-zinc-400" title={entry.at}>
              {formatRelativeTime(entry.at, now)}
            </span>
          </div>
          <div className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-300">by {entry.actor}</div>
          {describeDetail(entry.detail) && <div className="mt-0.5 text-xs break-words text-zinc-500 dark:text-zinc-400">{describeDetail(entry.detail)}</div>}
        </li>
      ))}
    </ol>
  );
}

/** An audit log in a drawer: who changed what, and when. */
export function HistoryButton({ source, description }: { source: AuditSource; description: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        History
      </Button>
      <Drawer open={open} title="History" description={description} onClose={() => setOpen(false)}>
        {open && (
          <div className="min-h-0 flex-1 overflow-auto p-5">
            <HistoryList source={source} />
          </div>
        )}
      </Drawer>
    </>
  );
}
