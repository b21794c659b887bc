import { memo, type CSSProperties, type MouseEvent } from "react";
import type { RequestSummary } from "@/lib/shared/api-types";
import { UNTYPED_EVENT } from "@/lib/shared/contract";
import { formatBytes, queryWithMark, subpath } from "@/lib/client/format";
import { MethodBadge } from "@/components/ui/method-badge";
import { RequestTime } from "@/components/ui/request-time";
import { TrustBadges, trustBadges } from "./trust-badges";

/** Every row has this height, so the list can draw only the rows on screen. */
export const ROW_HEIGHT = 60;

interface RequestRowProps {
  id: string;
  request: RequestSummary;
  now: number;
  selected: boolean;
  marked: boolean;
  style: CSSProperties;
  onOpen(requestId: string): void;
  onToggleMark(requestId: string): void;
}

/** Requests younger than this get a brief highlight when their row first appears. */
const FRESH_MS = 4_000;

export const RequestRow = memo(function RequestRow({ id, request, now, selected, marked, style, onOpen, onToggleMark }: RequestRowProps) {
  const path = subpath(request.path);
  const query = queryWithMark(request.query);
  const fresh = now - Date.parse(request.receivedAt) < FRESH_MS;
  const label = `${request.method} ${path}${query}`;
  const badgeCount = trustBadges(request).length;
  const named = request.eventType !== null && request.eventType !== UNTYPED_EVENT;
  const flagged = Boolean(request.shapeDrift) || request.schemaResult === "fail";

  const onClick = (event: MouseEvent) => {
    // Shift-click marks rows for comparing, like selecting files.
    if (event.shiftKey) {
      event.preventDefault();
      onToggleMark(request.id);
    } else onOpen(request.id);
  };

  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      data-request-id={request.id}
      data-marked={marked || undefined}
      onClick={onClick}
      style={{ ...style, height: ROW_HEIGHT }}
      className={`group absolute inset-x-0 flex items-center gap-3 border-b border-zinc-100 pr-4 pl-3 transition-colors select-none dark:border-zinc-800/70 ${
        selected
          ? "bg-indigo-50 dark:bg-indigo-500/10"
          : marked
            ? "bg-amber-50/70 dark:bg-amber-400/5"
            : `hover:bg-zinc-50 dark:hover:bg-zinc-800/50 ${fresh ? "animate-[row-in_1.6s_ease-out]" : ""}`
      }`}
    >
      {selected && <span aria-hidden="true" className="absolute inset-y-0 left-0 w-0.5 bg-indigo-600 dark:bg-indigo-400" />}
      <input
        type="checkbox"
        checked={marked}
        onChange={() => onToggleMark(request.id)}
        onClick={(event) => event.stopPropagation()}
        aria-label={`Mark ${label} for compare or export`}
        className={`size-3.5 shrink-0 accent-indigo-600 transition-opacity ${marked ? "" : "opacity-40 group-hover:opacity-100 focus-visible:opacity-100"}`}
      />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2.5">
          <MethodBadge method={request.method} />
          <span className="min-w-0 flex-1 truncate font-mono text-[13px]" title={`${path}${query}`}>
            <span className="text-zinc-900 dark:text-zinc-100">{path}</span>
            <span className="text-zinc-500 dark:text-zinc-400">{query}</span>
          </span>
          <RequestTime iso={request.receivedAt} now={now} className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400" />
        </div>
        {/* An @container: the badges show as many as its width allows. The type takes only the room left over. */}
        <div className="@container mt-1 flex items-center gap-1.5 pl-[4.125rem] text-xs text-zinc-500 dark:text-zinc-400">
          <span className="shrink-0 whitespace-nowrap tabular-nums">{formatBytes(request.bodySize)}</span>
          {/* Tells senders apart (two Stripe accounts, a retry from another region) without opening each request.
              A named event type says more, so on a narrow row the address gives way to it: on a phone, or
              on the list's usual width when a flag takes room too. */}
          <span
            className={`max-w-[11rem] min-w-0 truncate font-mono tabular-nums ${!named ? "" : flagged ? "@max-xs:hidden" : "@max-3xs:hidden"}`}
            title={`From ${request.remoteAddress}`}
          >
            <span aria-hidden="true" className="font-sans">
              ·{" "}
            </span>
            <span className="sr-only">from </span>
            {request.remoteAddress}
          </span>
          {request.checksPending ? (
            <span
              data-testid="checks-pending"
              title={`Its shape and schema check are pending: they run in the background and show here when done`}
              className="shrink-0 rounded bg-zinc-100 px-1 text-[11px] whitespace-nowrap text-zinc-500 @max-xs:hidden dark:bg-zinc-800 dark:text-zinc-400"
            >
              pending
            </span>
          ) : null}
          {request.shapeDrift ? (
            <span
              data-testid="shape-drift"
              title={`Shape changed: ${request.shapeDrift} ${request.shapeDrift === 1 ? "difference" : "differences"} from earlier ${request.eventType} requests`}
              className={`shrink-0 rounded bg-amber-100 px-1 text-[11px] font-medium whitespace-nowrap text-amber-800 dark:bg-amber-400/15 dark:text-amber-300 ${
                // A narrow row has room for one flag: failing the owner's schema says more.
                request.schemaResult === "fail" ? "@max-xs:hidden" : ""
              }`}
            >
              <span className="@max-xs:hidden">shape </span>changed
            </span>
          ) : null}
          {request.schemaResult === "fail" ? (
            <span
              data-testid="schema-fail"
              title={`Fails the owner's JSON Schema for ${request.eventType}: the Shape tab lists where`}
              className="shrink-0 rounded bg-red-100 px-1 text-[11px] font-medium whitespace-nowrap text-red-800 dark:bg-red-400/15 dark:text-red-300"
            >
              <span className="@max-xs:hidden">fails </span>schema
            </span>
          ) : null}
          {/* A named event type says more than the content type, so it takes that place; "untyped" says nothing a row needs. */}
          {named ? (
            // On a phone a flag beside it leaves only a sliver: the flag's tab names the type.
            <span className={`min-w-0 flex-1 truncate ${flagged ? "@max-3xs:invisible" : ""}`} title={`Event type ${request.eventType}`}>
              <span data-testid="event-type" className="rounded bg-zinc-100 px-1 font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {request.eventType}
              </span>
            </span>
          ) : /* Beside two or more badges there is no room for it: the Body tab says it. */
          request.contentType && badgeCount < 2 ? (
            <span className="min-w-0 flex-1 truncate" title={request.contentType}>
              <span aria-hidden="true">· </span>
              {request.contentType}
            </span>
          ) : (
            <span className="flex-1" />
          )}
          <span className="shrink-0 pl-1">
            <TrustBadges request={request} fit="row" />
          </span>
        </div>
      </div>
    </li>
  );
});
