import type { ForwarderInfo } from "@/lib/shared/api-types";
import { RequestTime } from "@/components/ui/request-time";

/** A green dot while a CLI holds the forwarder's stream; otherwise when one last did. */
export function ConnectionState({ forwarder }: { forwarder: ForwarderInfo }) {
  if (forwarder.connected) {
    return (
      <span className="inline-flex items-center gap-1.5 text-xs font-medium text-emerald-700 dark:text-emerald-300">
        <span className="size-2 rounded-full bg-emerald-500" aria-hidden="true" />
        Connected
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
      <span className="size-2 rounded-full bg-zinc-300 dark:bg-zinc-600" aria-hidden="true" />
      Not connected · last seen <RequestTime iso={forwarder.lastSeenAt} />
    </span>
  );
}
