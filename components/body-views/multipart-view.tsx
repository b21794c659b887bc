"use client";
import { useMemo } from "react";
import { parseMultipart, type MultipartPart } from "@/lib/shared/body/multipart";
import { sniffImage } from "@/lib/shared/body/sniff";
import { formatBytes } from "@/lib/client/format";
import { saveBlob } from "@/lib/client/download";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { ImageView } from "./image-view";
import { Note } from "./note";
import { TextView } from "./text-view";

export function MultipartView({ bytes, contentType }: { bytes: Uint8Array; contentType: string | null }) {
  const result = useMemo(() => parseMultipart(bytes, contentType), [bytes, contentType]);
  return (
    <div className="flex flex-col gap-3">
      {!result.ok && <Note tone="error">{result.error}</Note>}
      {result.ok && result.warnings.map((warning) => <Note key={warning}>{warning}</Note>)}
      {result.parts.length > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {result.parts.length} {result.parts.length === 1 ? "part" : "parts"} · boundary <span className="font-mono">{result.boundary}</span>
        </p>
      )}
      <ol className="flex flex-col gap-3">
        {result.parts.map((part, index) => (
          <PartCard key={index} part={part} index={index} />
        ))}
      </ol>
    </div>
  );
}

function PartCard({ part, index }: { part: MultipartPart; index: number }) {
  const title = part.name ?? `part ${index + 1}`;
  const image = part.filename !== null || part.text === null ? sniffImage(part.body) : null;
  return (
    <li aria-label={`Part ${index + 1}: ${title}`} className="overflow-hidden rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 bg-zinc-50 px-3 py-2 text-xs dark:bg-zinc-800/50">
        <span className="font-mono font-semibold text-zinc-900 dark:text-zinc-100">{title}</span>
        {part.filename !== null && (
          <span className="min-w-0 truncate font-mono text-zinc-600 dark:text-zinc-300" title={part.filename}>
            {part.filename}
          </span>
        )}
        <span className="text-zinc-500 dark:text-zinc-400">{part.contentType ?? "no content type"}</span>
        <span className="text-zinc-500 tabular-nums dark:text-zinc-400">{formatBytes(part.body.length)}</span>
        {part.truncated && <span className="font-medium text-rose-600 dark:text-rose-400">incomplete</span>}
        {part.text === null && (
          <Button size="sm" className="ml-auto" onClick={() => savePart(part, index)} aria-label={`Download ${part.filename ?? title}`}>
            <DownloadIcon className="size-3.5" /> Download
          </Button>
        )}
      </div>
      <details className="border-t border-zinc-100 px-3 py-1.5 text-xs dark:border-zinc-800">
        <summary className="cursor-pointer text-zinc-500 select-none dark:text-zinc-400">
          {part.headers.length} part {part.headers.length === 1 ? "header" : "headers"}
        </summary>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 font-mono">
          {part.headers.map(([name, value], k) => (
            <div key={k} className="contents">
              <dt className="text-sky-800 dark:text-sky-300">{name}</dt>
              <dd className="break-all text-zinc-700 dark:text-zinc-300">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="border-t border-zinc-100 p-3 dark:border-zinc-800">
        {part.text !== null ? (
          part.text === "" ? (
            <span className="text-xs text-zinc-400 italic">empty</span>
          ) : (
            <TextView text={part.text} label={`Text of ${title}`} />
          )
        ) : image ? (
          <ImageView bytes={part.body} type={image} label={`Preview of ${part.filename ?? title}`} />
        ) : (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Binary content: use Download for the exact bytes.</p>
        )}
      </div>
    </li>
  );
}

function savePart(part: MultipartPart, index: number) {
  // A neutral type: the part's own (text/html, say) would let a browser render it on open.
  const blob = new Blob([part.body as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
  saveBlob(blob, safeFilename(part.filename) ?? `part-${index + 1}.bin`);
}

function safeFilename(name: string | null): string | null {
  if (!name) return null;
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\u0000-\u001f]/g, "") ?? "";
  return base && base !== "." && base !== ".." ? base : null;
}
