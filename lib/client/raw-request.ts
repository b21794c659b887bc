// The captured request written back out as HTTP/1.1 text, for reading and copy-paste.
import type { RequestDetail } from "@/lib/api-types";
import { TEXT_RENDER_CHARS as TEXT_PREVIEW_CHARS } from "@/lib/body/limits";
import { formatBytes, httpVersionLabel, requestTarget } from "./format";

export function rawRequestText(detail: RequestDetail): string {
  const lines = [`${detail.method} ${requestTarget(detail.path, detail.query, detail.binId)} ${httpVersionLabel(detail.httpVersion)}`];
  for (const [name, value] of detail.headers) lines.push(`${name}: ${value}`);
  const head = `${lines.join("\r\n")}\r\n\r\n`;
  if (detail.bodySize === 0) return head;
  if (detail.bodyText === null) {
    return `${head}[binary body, ${formatBytes(detail.bodySize)} (${detail.bodySize} bytes): see the Body tab or download it raw]`;
  }
  if (detail.bodyText.length > TEXT_PREVIEW_CHARS) {
    return `${head}${detail.bodyText.slice(0, TEXT_PREVIEW_CHARS)}\n\n[body cut at ${formatBytes(TEXT_PREVIEW_CHARS)} characters: download it raw for the rest]`;
  }
  return head + detail.bodyText;
}
