import { memo } from "react";
import type { RequestSummary } from "@/lib/api-types";
import { formatBytes, formatRelativeTime, formatTimestamp, queryWithMark, subpath } from "@/lib/client/format";
import { MethodBadge } from "@/components/ui/method-badge";

interface RequestRowProps {
  id: string;
  request: RequestSummary;
  now: number;
  selected: boolean;
  onSelect(requestId: string): void;
}

/** Requests younger than this get a brief highlight when their row first appears. */
const FRESH_MS = 4_000;

export const RequestRow = memo(function RequestRow({ id, request, now, selected, onSelect }: RequestRowProps) {
  const path = subpath(request.path);
  const query = queryWithMark(request.query);
  const fresh = now - Date.parse(request.receivedAt) < FRESH_MS;

  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      data-request-id={request.id}
      onClick={() => onSelect(request.id)}
      className={`group relative px-4 py-2.5 transition-colors ${
        selected
          ? "bg-indigo-50 dark:bg-indigo-500/10"
          : `hover:bg-zinc-50 dark:hover:bg-zinc-800/50 ${fresh ? "animate-[row-in_1.6s_ease-out]" : ""}`
      }`}
    >
      {selected && <span aria-hidden="true" className="absolute inset-y-0 left-0 w-0.5 bg-indigo-600 dark:bg-indigo-400" />}
      <div className="flex items-center gap-2.5">
        <MethodBadge method={request.method} />
        <span className="min-w-0 flex-1 truncate font-mono text-[13px]" title={`${path}${query}`}>
          <span className="text-zinc-900 dark:text-zinc-100">{path}</span>
          <span className="text-zinc-500 dark:text-zinc-400">{query}</span>
        </span>
        <time
          dateTime={request.receivedAt}
          title={formatTimestamp(request.receivedAt)}
          className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
        >
          {formatRelativeTime(request.receivedAt, now)}
        </time>
      </div>
      <div className="mt-1 flex items-center gap-1.5 pl-[4.125rem] text-xs text-zinc-500 dark:text-zinc-400">
        <span className="tabular-nums">{formatBytes(request.bodySize)}</span>
        {request.contentType && (
          <>
            <span aria-hidden="true">·</span>
            <span className="truncate">{request.contentType}</span>
          </>
        )}
      </div>
    </li>
  );
});
