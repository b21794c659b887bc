"use client";
import { useMemo, useState } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { analyzeBody, VIEW_LABELS, type BodyViewKind } from "@/lib/shared/body/analyze";
import { contentCodings } from "@/lib/shared/body/encoding";
import { PREVIEW_BYTES } from "@/lib/shared/body/limits";
import { looksGzipped } from "@/lib/shared/body/sniff";
import { formatBytes } from "@/lib/client/format";
import { useBodyBytes } from "@/lib/client/use-body-bytes";
import { useDecodedBody, type DecodedBody } from "@/lib/client/use-decoded-body";
import { Button } from "@/components/ui/button";
import { DownloadRawButton } from "@/components/inspector/detail/download-raw-button";
import { BodyView } from "./body-view";
import { Note } from "./note";
import { Segmented } from "./segmented";

type Source = "decoded" | "raw";

/**
 * The body of one request: the views that suit it, chosen from the content type and the bytes,
 * with a decoded view next to the raw bytes for a Content-Encoding. Nothing is ever rendered as
 * markup: HTML and SVG stay source text.
 */
export function BodyPanel({ detail, token }: { detail: RequestDetail; token: string }) {
  const { body, loadAll } = useBodyBytes(detail, token);
  // Kept across requests (this panel is not remounted per request), like the chosen tab.
  const [chosen, setChosen] = useState<BodyViewKind | null>(null);
  const [source, setSource] = useState<Source>("decoded");

  const bytes = body.status === "ready" ? body.bytes : null;
  const complete = body.status === "ready" && body.complete;
  const codings = useMemo(() => {
    const declared = contentCodings(detail.headers);
    if (declared) return declared;
    // A .gz upload without Content-Encoding still deserves a look inside.
    return bytes && looksGzipped(bytes) ? ["gzip"] : null;
  }, [detail.headers, bytes]);
  const decoded = useDecodedBody(complete ? bytes : null, codings, { binId: detail.binId, token, requestId: detail.id });
  const useDecoded = codings !== null && source === "decoded" && decoded.status === "ready";
  const shown = useDecoded && decoded.status === "ready" ? decoded.bytes : bytes;

  const analysis = useMemo(
    () => (shown ? analyzeBody(shown, detail.contentType, complete || useDecoded) : null),
    [shown, detail.contentType, complete, useDecoded],
  );

  if (detail.bodySize === 0) return <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">No body.</p>;
  if (body.status === "loading") return <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">Loading body…</p>;
  if (body.status === "error" || !analysis || !shown) {
    return (
      <div className="p-4">
        <Note tone="error">Could not load the body: {body.status === "error" ? body.message : "unknown error"}</Note>
      </div>
    );
  }

  const view: BodyViewKind = chosen !== null && analysis.views.includes(chosen) ? chosen : (analysis.views[0] ?? "hex");
  const partial = !complete && !useDecoded;

  return (
    <div className="flex flex-col">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 border-b border-zinc-100 bg-white/95 px-4 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95">
        {codings && (
          <Segmented<Source>
            label="Body source"
            options={[
              { key: "decoded", label: `Decoded (${codings.join(", ")})` },
              { key: "raw", label: "Raw bytes" },
            ]}
            value={source}
            onChange={setSource}
          />
        )}
        <Segmented<BodyViewKind>
          label="Body view"
          options={analysis.views.map((key) => ({ key, label: VIEW_LABELS[key] }))}
          value={view}
          onChange={setChosen}
        />
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {formatBytes(detail.bodySize)}
          {useDecoded && ` → ${formatBytes(shown.length)} decoded`}
          {detail.contentType && <span className="font-mono"> · {detail.contentType}</span>}
        </span>
        <span className="ml-auto">
          <DownloadRawButton binId={detail.binId} token={token} requestId={detail.id} />
        </span>
      </div>
      <div className="p-4">
        {codings && source === "decoded" && <DecodeStatus decoded={decoded} complete={complete} />}
        {analysis.notes.map((note) => (
          <Note key={note} tone="info">
            {note}
          </Note>
        ))}
        {partial && (
          <Note tone="info">
            <span className="flex flex-wrap items-center gap-2">
              Showing the first {formatBytes(PREVIEW_BYTES)} of {formatBytes(detail.bodySize)}.
              <Button size="sm" onClick={loadAll}>
                Load the whole body
              </Button>
            </span>
          </Note>
        )}
        <BodyView view={view} analysis={analysis} bytes={shown} contentType={detail.contentType} partial={partial} onLoadAll={loadAll} />
      </div>
    </div>
  );
}

function DecodeStatus({ decoded, complete }: { decoded: DecodedBody; complete: boolean }) {
  if (!complete) return <Note tone="info">The decoded view needs the whole body: load it first.</Note>;
  switch (decoded.status) {
    case "decoding":
      return <Note tone="info">Decoding…</Note>;
    case "failed":
      return <Note tone="error">{decoded.message}. Showing the raw bytes.</Note>;
    case "unavailable":
      return <Note>{decoded.message} Showing the raw bytes.</Note>;
    case "ready":
      return decoded.capped ? <Note>The decoded body is very large; only its first part is shown.</Note> : null;
    case "idle":
      return null;
  }
}
