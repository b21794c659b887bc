import type { StreamFrame } from "@/lib/shared/api-types";

export interface ParsedFrame {
  meta: StreamFrame;
  body: Buffer;
}

// A frame's JSON line holds headers, never a body: anything this long is not our stream.
const MAX_LINE_BYTES = 4 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Cuts the forward stream into frames: a line of JSON, then exactly `size` raw bytes. Chunks may
 * split a frame anywhere; a body is copied once, when its last byte arrives.
 */
export class FrameParser {
  private head: Buffer = EMPTY;
  private pending: StreamFrame | null = null;
  private bodyChunks: Buffer[] = [];
  private bodyLength = 0;

  push(chunk: Buffer): ParsedFrame[] {
    const frames: ParsedFrame[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.pending === null) {
        const newline = chunk.indexOf(10, at);
        if (newline === -1) {
          this.head = Buffer.concat([this.head, chunk.subarray(at)]);
          if (this.head.length > MAX_LINE_BYTES) throw new Error("The forward stream sent a frame header longer than 4 MiB.");
          break;
        }
        const line = this.head.length > 0 ? Buffer.concat([this.head, chunk.subarray(at, newline)]) : chunk.subarray(at, newline);
        this.head = EMPTY;
        at = newline + 1;
        const meta = parseMeta(line);
        if (meta.size === 0) frames.push({ meta, body: EMPTY });
        else this.pending = meta;
        continue;
      }
      const take = Math.min(this.pending.size - this.bodyLength, chunk.length - at);
      this.bodyChunks.push(chunk.subarray(at, at + take));
      this.bodyLength += take;
      at += take;
      if (this.bodyLength === this.pending.size) {
        frames.push({ meta: this.pending, body: this.bodyChunks.length === 1 ? this.bodyChunks[0]! : Buffer.concat(this.bodyChunks, this.bodyLength) });
        this.pending = null;
        this.bodyChunks = [];
        this.bodyLength = 0;
      }
    }
    return frames;
  }
}

function parseMeta(line: Buffer): StreamFrame {
  let meta: unknown;
  try {
    meta = JSON.parse(line.toString("utf8"));
  } catch {
    throw new Error("The forward stream sent a frame that is not JSON: is the link a Hookscope server?");
  }
  const size = (meta as { size?: unknown } | null)?.size;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0) throw new Error("The forward stream sent a frame without a valid size.");
  return meta as StreamFrame;
}
