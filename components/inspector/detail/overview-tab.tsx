import type { ReactNode } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { formatBytes, formatTimestamp, httpVersionLabel, requestTarget } from "@/lib/client/format";
import { CopyButton } from "@/components/ui/copy-button";
import { TrustBadges, trustBadges } from "../trust-badges";

export function OverviewTab({ detail }: { detail: RequestDetail }) {
  const target = requestTarget(detail.path, detail.query, detail.binId);
  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-[10rem_1fr]">
      <Item term="Method">
        <span className="font-mono">{detail.method}</span>
      </Item>
      <Item term="Path" copy={target}>
        <span className="font-mono break-all">{target}</span>
      </Item>
      <Item term="Received">
        <span className="tabular-nums">{formatTimestamp(detail.receivedAt)}</span>
        <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{detail.receivedAt}</span>
      </Item>
      <Item term="Body size">
        {formatBytes(detail.bodySize)}
        {detail.bodySize >= 1024 && <span className="ml-1 text-zinc-500 dark:text-zinc-400">({detail.bodySize.toLocaleString()} bytes)</span>}
      </Item>
      <Item term="Content type">
        {detail.contentType ? <span className="font-mono">{detail.contentType}</span> : <span className="text-zinc-500">none</span>}
      </Item>
      <Item term="Remote address">
        <span className="font-mono">{detail.remoteAddress}</span>
      </Item>
      <Item term="HTTP version">
        <span className="font-mono">{httpVersionLabel(detail.httpVersion)}</span>
      </Item>
      <Item term="Answered with">
        <span className="font-mono">{detail.responseStatus === 0 ? "no answer (held)" : detail.responseStatus}</span>
        {detail.responseRule && <span className="ml-2 text-zinc-500 dark:text-zinc-400">{detail.responseRule}</span>}
      </Item>
      <Item term="Checks">{trustBadges(detail).length > 0 ? <TrustBadges request={detail} /> : <span className="text-zinc-500">unsigned, no flags</span>}</Item>
      <Item term="Sequence">
        <span className="font-mono">#{detail.sequence}</span>
      </Item>
      <Item term="Request ID" copy={detail.id}>
        <span className="font-mono break-all">{detail.id}</span>
      </Item>
    </dl>
  );
}

function Item({ term, copy, children }: { term: string; copy?: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className="flex min-w-0 items-start gap-1 text-zinc-900 dark:text-zinc-100">
        <span className="min-w-0">{children}</span>
        {copy !== undefined && <CopyButton text={copy} label={`Copy ${term.toLowerCase()}`} className="-my-1" />}
      </dd>
    </>
  );
}
