import type { ForwarderInfo } from "@/lib/shared/api-types";
import { ConnectionState } from "./connection-state";
import { DroppedWarning } from "./dropped-warning";
import { ForgetForwarderButton } from "./forget-forwarder-button";

interface ForwarderCardProps {
  binId: string;
  token: string;
  forwarder: ForwarderInfo;
  onForgotten(): void;
}

/** One `hookscope forward` consumer: connected or not, what it has yet to deliver, what it lost. */
export function ForwarderCard({ binId, token, forwarder, onForgotten }: ForwarderCardProps) {
  return (
    <li aria-label={`Forwarder ${forwarder.name}`} className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-start gap-3">
        <h3 className="min-w-0 flex-1 pt-1 font-mono text-sm font-semibold wrap-anywhere">{forwarder.name}</h3>
        <ForgetForwarderButton binId={binId} token={token} forwarder={forwarder} onForgotten={onForgotten} />
      </div>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm text-zinc-600 dark:text-zinc-300">
        <ConnectionState forwarder={forwarder} />
        {forwarder.responding && (
          <span
            className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-400/10 dark:text-indigo-300"
            title="Senders get the local app's answer"
          >
            responding (--respond)
          </span>
        )}
        <Backlog count={forwarder.backlog} />
        <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">delivered up to capture #{forwarder.cursor}</span>
      </p>
      {forwarder.dropped > 0 && <DroppedWarning count={forwarder.dropped} at={forwarder.droppedAt} before="this forwarder delivered them" />}
    </li>
  );
}

function Backlog({ count }: { count: number }) {
  if (count === 0) return <span className="text-xs font-medium">Up to date</span>;
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 tabular-nums dark:bg-amber-400/10 dark:text-amber-300">
      {count} waiting
    </span>
  );
}
