import type { DeliveryAttemptInfo } from "@/lib/shared/api-types";
import { formatBytes } from "@/lib/client/format";
import { Alert } from "@/components/owner-tools/alert";
import { HeaderTable } from "@/components/owner-tools/header-table";
import { StatusPill } from "@/components/owner-tools/status-pill";
import { TextBlock } from "@/components/owner-tools/text-block";

function base64Size(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** What one attempt got back: the target's answer, or why there was none, in plain words. */
export function AttemptOutcome({ attempt, targetUrl }: { attempt: DeliveryAttemptInfo; targetUrl: string }) {
  if (attempt.status === null) {
    return (
      <Alert tone="error" title={attempt.outcome === "blocked" ? "Not sent: this target is not allowed" : "No answer from the target"}>
        {attempt.error?.message ?? "The request failed before the target answered."}
        <span className="mt-1 block text-xs opacity-75">
          After {attempt.durationMs} ms · <span className="font-mono break-all">{targetUrl}</span>
        </span>
      </Alert>
    );
  }
  const body = attempt.responseBodyText;
  const binarySize = body === null && attempt.responseBodyBase64 ? base64Size(attempt.responseBodyBase64) : 0;
  return (
    <div className="space-y-3" aria-label="Target's answer" role="group">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="text-zinc-500 dark:text-zinc-400">Answered</span>
        <StatusPill status={attempt.status} />
        <span className="text-zinc-500 tabular-nums dark:text-zinc-400">in {attempt.durationMs} ms</span>
      </p>
      <section>
        <h4 className="mb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-300">
          Response body
          {attempt.responseTruncated && <span className="ml-2 font-normal text-amber-700 dark:text-amber-300">cut short: only the start was kept</span>}
        </h4>
        {body ? (
          <TextBlock label="Response body" text={body} />
        ) : binarySize > 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Binary body ({formatBytes(binarySize)}), not shown as text.</p>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Empty body.</p>
        )}
      </section>
      <section>
        <h4 className="mb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-300">Response headers</h4>
        <HeaderTable caption="Response headers" headers={attempt.responseHeaders ?? []} />
      </section>
    </div>
  );
}
