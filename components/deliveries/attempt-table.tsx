import type { DeliveryAttemptInfo } from "@/lib/shared/api-types";
import { formatTimestamp } from "@/lib/client/format";
import { StatusPill } from "@/components/owner-tools/status-pill";

const OUTCOMES: Record<DeliveryAttemptInfo["outcome"], string> = {
  succeeded: "delivered",
  http_error: "error status",
  network_error: "no answer",
  blocked: "refused target",
};

/** Every try of one delivery, oldest first: when, what came of it, and why it failed if it did. */
export function AttemptTable({ attempts }: { attempts: readonly DeliveryAttemptInfo[] }) {
  if (attempts.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No attempt yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[28rem] table-fixed border-collapse text-left text-[13px]">
        <caption className="sr-only">Attempts</caption>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="w-7 py-1 pr-3 font-medium">
              #
            </th>
            <th scope="col" className="w-52 py-1 pr-3 font-medium">
              Time
            </th>
            <th scope="col" className="w-32 py-1 pr-3 font-medium">
              Outcome
            </th>
            <th scope="col" className="w-20 py-1 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="w-16 py-1 pr-3 text-right font-medium">
              ms
            </th>
            {/* Takes the spare width, so the figures stay together on the left. */}
            <td />
          </tr>
        </thead>
        {attempts.map((attempt) => (
          // One body per attempt: its error, in words, gets a full-width row under it.
          <tbody key={attempt.number} className="border-t border-zinc-100 dark:border-zinc-800/70">
            <tr className="align-top">
              <td className="py-1.5 pr-3 text-zinc-400 tabular-nums">{attempt.number}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums">{formatTimestamp(attempt.startedAt)}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">{OUTCOMES[attempt.outcome]}</td>
              <td className="py-1.5 pr-3">{attempt.status === null ? <span className="text-zinc-400">none</span> : <StatusPill status={attempt.status} />}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{attempt.durationMs}</td>
              <td />
            </tr>
            {attempt.error && (
              <tr>
                <td />
                <td colSpan={5} className="pb-2 break-words text-rose-700 dark:text-rose-300">
                  {attempt.error.message}
                </td>
              </tr>
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
