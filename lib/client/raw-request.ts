// The captured request written back out as HTTP/1.1 text, for reading and copy-paste.
import type { RequestDetail } from "@/lib/shared/api-types";
import { httpVersionLabel, requestTarget } from "./format";

/** The request line and the headers as received, up to and including the blank line before the body. */
export function rawRequestHead(detail: RequestDetail): string {
  const lines = [`${detail.method} ${requestTarget(detail.path, detail.query, detail.binId)} ${httpVersionLabel(detail.httpVersion)}`];
  for (const [name, value] of detail.headers) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}
