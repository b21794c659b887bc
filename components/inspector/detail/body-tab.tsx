"use client";
import { useMemo, useState, type ReactNode } from "react";
import type { RequestDetail } from "@/lib/api-types";
import {
  HEX_PREVIEW_BYTES,
  TEXT_PREVIEW_CHARS,
  base64ToBytes,
  formatJson,
  hexDump,
  isJsonContentType,
  looksLikeJson,
} from "@/lib/client/body";
import { formatBytes } from "@/lib/client/format";
import { DownloadRawButton } from "./download-raw-button";
import { JsonView } from "./json-view";

type View = "json" | "text" | "hex";
const VIEW_LABEL: Record<View, string> = { json: "JSON", text: "Text", hex: "Hex" };

/**
 * The body as JSON (when it parses), text (when it is UTF-8) or a hex dump. Nothing here is ever
 * interpreted: an HTML or SVG body is shown as its source.
 */
export function BodyTab({ detail, token }: { detail: RequestDetail; token: string }) {
  const json = useMemo(() => (detail.bodyText !== null && looksLikeJson(detail.bodyText) ? formatJson(detail.bodyText) : null), [detail.bodyText]);
  const views: View[] = detail.bodyText === null ? ["hex"] : json !== null ? ["json", "text", "hex"] : ["text", "hex"];
  const [chosen, setChosen] = useState<View | null>(null);
  const view: View = chosen !== null && views.includes(chosen) ? chosen : (views[0] ?? "hex");

  if (detail.bodySize === 0) return <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">No body.</p>;

  const download = <DownloadRawButton binId={detail.binId} token={token} requestId={detail.id} />;

  return (
    <div className="flex flex-col">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-3 border-b border-zinc-100 bg-white/95 px-4 py-2 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95">
        {views.length > 1 && <ViewSwitch views={views} view={view} onChange={setChosen} />}
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {detail.bodyText === null ? "Binary" : view === "json" ? "JSON" : "UTF-8 text"} · {formatBytes(detail.bodySize)}
          {detail.contentType && <span className="font-mono"> · {detail.contentType}</span>}
        </span>
        <span className="ml-auto">{download}</span>
      </div>
      <div className="p-4">
        {isJsonContentType(detail.contentType) && detail.bodyText !== null && json === null && (
          <Note>The content type says JSON, but the body does not parse as JSON. Showing it as text.</Note>
        )}
        {view === "json" && json !== null && <JsonView formatted={json} />}
        {view === "text" && detail.bodyText !== null && <TextView text={detail.bodyText} />}
        {view === "hex" && <HexView base64={detail.bodyBase64} size={detail.bodySize} binary={detail.bodyText === null} />}
      </div>
    </div>
  );
}

function ViewSwitch({ views, view, onChange }: { views: View[]; view: View; onChange(view: View): void }) {
  return (
    <div role="group" aria-label="Body view" className="inline-flex rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-800">
      {views.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={v === view}
          onClick={() => onChange(v)}
          className={`rounded px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            v === view
              ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100"
              : "text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          {VIEW_LABEL[v]}
        </button>
      ))}
    </div>
  );
}

function TextView({ text }: { text: string }) {
  const cut = text.length > TEXT_PREVIEW_CHARS;
  return (
    <>
      {cut && <Note>Showing the first {formatBytes(TEXT_PREVIEW_CHARS)} characters. Download the raw body for the rest.</Note>}
      <pre
        aria-label="Body text"
        className="font-mono text-[13px] leading-relaxed whitespace-pre-wrap text-zinc-800 [overflow-wrap:anywhere] dark:text-zinc-200"
      >
        {cut ? text.slice(0, TEXT_PREVIEW_CHARS) : text}
      </pre>
    </>
  );
}

function HexView({ base64, size, binary }: { base64: string; size: number; binary: boolean }) {
  // Only the shown prefix is decoded: 4 base64 characters carry 3 bytes.
  const dump = useMemo(() => hexDump(base64ToBytes(base64.slice(0, Math.ceil(HEX_PREVIEW_BYTES / 3) * 4))), [base64]);
  return (
    <>
      {binary && <Note>This body is not valid UTF-8, so it is shown as a hex dump.</Note>}
      {size > HEX_PREVIEW_BYTES && (
        <Note>
          Showing the first {formatBytes(HEX_PREVIEW_BYTES)} of {formatBytes(size)}. Use &ldquo;Download raw&rdquo; for the complete body.
        </Note>
      )}
      <pre aria-label="Hex dump" className="overflow-x-auto font-mono text-[12.5px] leading-relaxed whitespace-pre text-zinc-800 dark:text-zinc-200">
        {dump}
      </pre>
    </>
  );
}

function Note({ children }: { children: ReactNode }) {
  return (
    <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-600/15 ring-inset dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/20">
      {children}
    </p>
  );
}
