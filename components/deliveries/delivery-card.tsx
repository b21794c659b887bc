import type { ReactNode } from "react";
import type { DeliveryDetail } from "@/lib/shared/api-types";
import { formatTimestamp } from "@/lib/client/format";
import { AttemptOutcome } from "@/components/replay/attempt-outcome";
import { AttemptTable } from "./attempt-table";
import { DeliveryKindLabel, DeliveryStatusBadge } from "./delivery-status-badge";

/** One replay, forward or CLI delivery: where it went, how it stands, and each attempt. */
export function DeliveryCard({ delivery, actions, showRequest = false }: { delivery: DeliveryDetail; actions?: ReactNode; showRequest?: boolean }) {
  const last = delivery.attemptLog.at(-1);
  return (
    <li aria-label={`${delivery.kind} to ${delivery.targetUrl}`} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <DeliveryKindLabel kind={delivery.kind} />
        <DeliveryStatusBadge status={delivery.status} />
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {delivery.attempts} of {delivery.maxAttempts} {delivery.maxAttempts === 1 ? "attempt" : "attempts"} · {formatTimestamp(delivery.createdAt)}
        </span>
        {actions && <div className="ml-auto">{actions}</div>}
      </div>
      <p className="mt-1.5 font-mono text-[13px] break-all">
        <span className="text-zinc-500 dark:text-zinc-400">{delivery.method}</span> {delivery.targetUrl}
      </p>
      {showRequest && (
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          Of request <span className="font-mono">{delivery.requestId}</span>
        </p>
      )}
      {delivery.status === "pending" && delivery.nextAttemptAt && (
        <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">Next attempt at {formatTimestamp(delivery.nextAttemptAt)}.</p>
      )}
      <div className="mt-3">
        <AttemptTable attempts={delivery.attemptLog} />
      </div>
      {last && last.status !== null && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium text-indigo-700 select-none dark:text-indigo-300">Last answer in full</summary>
          <div className="mt-2">
            <AttemptOutcome attempt={last} targetUrl={delivery.targetUrl} />
          </div>
        </details>
      )}
    </li>
  );
}
