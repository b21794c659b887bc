"use client";
import { useMemo } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { base64ToBytes } from "@/lib/shared/body/bytes";
import { PREVIEW_BYTES, TEXT_RENDER_CHARS } from "@/lib/shared/body/limits";
import { decodeUtf8 } from "@/lib/shared/body/utf8";
import { formatBytes } from "@/lib/client/format";
import { rawRequestHead } from "@/lib/client/raw-request";
import { useBodyBytes } from "@/lib/client/use-body-bytes";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { HexView } from "@/components/body-views/hex-view";
import { Note } from "@/components/body-views/note";
import { DownloadRawButton } from "./download-raw-button";
import { WindowedText } from "./windowed-text";

const LABEL = "Raw HTTP request";

/** The body as the Raw tab shows it: text of any size (UTF-8), or bytes shown as hex. */
type RawBody =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; text: string | null; bytes: Uint8Array | null; /** only the first part of the body */ partial: boolean };

interface RawTabProps {
  detail: RequestDetail;
  token: string;
}

/**
 * The request as it came over the wire. Bodies up to 2 MiB come with the detail; bigger ones are
 * not in it and are read from /raw, first their start (a Range request), whole when asked.
 */
export function RawTab({ detail, token }: RawTabProps) {
  return detail.bodyOmitted ? <FetchedRaw detail={detail} token={token} /> : <InlineRaw detail={detail} token={token} />;
}

function InlineRaw({ detail, token }: RawTabProps) {
  const body = useMemo<RawBody>(
    () => ({ status: "ready", text: detail.bodyText, bytes: detail.bodyText === null ? base64ToBytes(detail.bodyBase64) : null, partial: false }),
    [detail.bodyText, detail.bodyBase64],
  );
  return <RawView detail={detail} token={token} body={body} />;
}

function FetchedRaw({ detail, token }: RawTabProps) {
  const { body: fetched, loadAll } = useBodyBytes(detail, token);
  const body = useMemo<RawBody>(() => {
    if (fetched.status !== "ready") return fetched;
    // A prefix may end inside a multi-byte character: that alone does not make it binary.
    const decoded = decodeUtf8(fetched.bytes, { prefix: !fetched.complete });
    return decoded.ok
      ? { status: "ready", text: decoded.text, bytes: null, partial: !fetched.complete }
      : { status: "ready", text: null, bytes: fetched.bytes, partial: !fetched.complete };
  }, [fetched]);
  return <RawView detail={detail} token={token} body={body} onLoadAll={loadAll} />;
}

function RawView({ detail, token, body, onLoadAll }: RawTabProps & { body: RawBody; onLoadAll?: () => void }) {
  const head = useMemo(() => rawRequestHead(detail), [detail]);
  const ready = body.status === "ready" ? body : null;
  const text = ready && ready.text !== null ? head + ready.text : null;
  const size = formatBytes(detail.bodySize);
  const copy =
    detail.bodySize === 0
      ? head
      : text !== null
        ? ready?.partial
          ? `${text}\n\n[the first ${formatBytes(PREVIEW_BYTES)} of ${size}: load the whole body to copy all of it]`
          : text
        : `${head}[binary body, ${size} (${detail.bodySize} bytes): download it raw]`;

  return (
    // As tall as the tab: a long text then scrolls in its own box, with the toolbar above it in view.
    <div className="flex h-full min-h-0 flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{describe(detail.bodySize, body)}</p>
        <span className="ml-auto flex flex-wrap gap-2">
          {detail.bodySize > 0 && <DownloadRawButton binId={detail.binId} token={token} requestId={detail.id} />}
          <CopyButton text={copy} label="Copy raw request" showText />
        </span>
      </div>
      {ready?.partial && (
        <Note tone="info">
          <span className="flex flex-wrap items-center gap-2">
            Showing the first {formatBytes(PREVIEW_BYTES)} of {size}.
            <Button size="sm" onClick={onLoadAll}>
              Load the whole body
            </Button>
          </span>
        </Note>
      )}
      {body.status === "error" && <Note tone="error">Could not load the body: {body.message}</Note>}
      {text !== null && text.length > TEXT_RENDER_CHARS ? (
        <WindowedText text={text} label={LABEL} className="min-h-[60vh] flex-1 lg:min-h-64" />
      ) : (
        <pre aria-label={LABEL} className="font-mono text-[13px] leading-relaxed break-all whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">
          {text ?? head}
        </pre>
      )}
      {ready?.bytes && <HexView bytes={ready.bytes} />}
    </div>
  );
}

function describe(bodySize: number, body: RawBody): string {
  if (bodySize === 0) return "No body.";
  const size = `${formatBytes(bodySize)} body`;
  if (body.status === "loading") return `${size}, loading…`;
  if (body.status === "error") return size;
  return body.text !== null ? `${size}, UTF-8 text.` : `${size}, binary: shown as hex.`;
}
