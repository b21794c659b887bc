"use client";
import { useMemo, useState } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { queryWithMark } from "@/lib/client/format";
import { buildSnippet, type SnippetKind } from "@/lib/client/snippets";
import { CopyButton } from "@/components/ui/copy-button";
import { Note } from "@/components/body-views/note";
import { Segmented } from "@/components/body-views/segmented";
import { DownloadRawButton } from "./download-raw-button";

const KINDS: { key: SnippetKind; label: string }[] = [
  { key: "curl", label: "curl" },
  { key: "httpie", label: "HTTPie" },
  { key: "fetch", label: "JavaScript fetch" },
];

/** The request as a command that sends it again, to the bin's capture URL. */
export function CodeTab({ detail, token, captureUrl }: { detail: RequestDetail; token: string; captureUrl: string }) {
  const [kind, setKind] = useState<SnippetKind>("curl");
  const snippet = useMemo(
    () =>
      buildSnippet(kind, {
        method: detail.method,
        url: `${captureUrl}${detail.path}${queryWithMark(detail.query)}`,
        headers: detail.headers,
        bodySize: detail.bodySize,
        bodyText: detail.bodyText,
      }),
    [kind, detail, captureUrl],
  );
  const label = KINDS.find((k) => k.key === kind)?.label ?? kind;

  return (
    <div className="flex flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Segmented<SnippetKind> label="Snippet language" options={KINDS} value={kind} onChange={setKind} />
        <CopyButton text={snippet.code} label={`Copy as ${label}`} showText className="ml-auto" />
      </div>
      {snippet.bodyFile && (
        <Note>
          <span className="flex flex-wrap items-center gap-2">
            The body is {detail.bodyText === null && !detail.bodyOmitted ? "binary" : "large"}, so the command reads it from{" "}
            <code className="font-mono">{snippet.bodyFile}</code>: download the raw body first and save it under that name.
            <DownloadRawButton binId={detail.binId} token={token} requestId={detail.id} />
          </span>
        </Note>
      )}
      {snippet.caveats.map((caveat) => (
        <Note key={caveat} tone="info">
          {caveat}
        </Note>
      ))}
      <pre
        aria-label={`${label} command`}
        className="overflow-x-auto rounded-md bg-zinc-900 px-3 py-2.5 font-mono text-[12.5px] leading-relaxed whitespace-pre text-zinc-100 ring-1 ring-zinc-800 dark:bg-black/40"
      >
        {snippet.code}
      </pre>
      {snippet.skipped.length > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Left out, because the client sets them from the URL and the body: <span className="font-mono">{snippet.skipped.join(", ")}</span>.
        </p>
      )}
    </div>
  );
}
