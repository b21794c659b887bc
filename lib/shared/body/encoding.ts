// Content-Encoding, undone in the browser with DecompressionStream (gzip and deflate everywhere;
// Brotli only where the platform offers it).

import { headerValues, type HeaderPairs } from "@/lib/shared/headers";
import { errorMessage } from "@/lib/shared/errors";

export type Coding = "gzip" | "deflate" | "br" | "identity";

export type DecodeResult =
  { ok: true; bytes: Uint8Array; /** output was cut at the size limit */ capped: boolean } | { ok: false; error: string; unsupported: boolean };

/** A decoded body is never allowed to grow past this: a tiny gzip can expand to gigabytes. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * Codings in the order they were applied, from every Content-Encoding line of the request: several
 * lines mean the same as one comma-joined line (RFC 9110 5.3), so `gzip` then `br` is `gzip, br`.
 */
export function contentCodings(headers: HeaderPairs): Coding[] | null {
  return parseContentEncoding(headerValues(headers, "content-encoding").join(","));
}

/** Codings in the order they were applied, from `Content-Encoding: gzip, br`; null when none. */
export function parseContentEncoding(value: string | null | undefined): Coding[] | null {
  if (!value) return null;
  const codings = value
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity")
    .map((c) => (c === "x-gzip" ? "gzip" : c));
  if (codings.length === 0) return null;
  return codings as Coding[];
}

export function isKnownCoding(coding: string): coding is Exclude<Coding, "identity"> {
  return coding === "gzip" || coding === "deflate" || coding === "br";
}

function streamFormat(coding: Exclude<Coding, "identity">): string {
  return coding === "br" ? "brotli" : coding;
}

export function supportsCoding(coding: Exclude<Coding, "identity">): boolean {
  if (typeof DecompressionStream === "undefined") return false;
  try {
    new DecompressionStream(streamFormat(coding) as CompressionFormat);
    return true;
  } catch {
    return false;
  }
}

/** Undoes the codings, last applied first. */
export async function decodeBody(bytes: Uint8Array, codings: readonly string[], limit = MAX_DECODED_BYTES): Promise<DecodeResult> {
  let current = bytes;
  let capped = false;
  for (const coding of [...codings].reverse()) {
    if (!isKnownCoding(coding)) return { ok: false, error: `Unknown content coding "${coding}".`, unsupported: true };
    if (!supportsCoding(coding)) {
      return { ok: false, error: `This browser cannot decode "${coding}".`, unsupported: true };
    }
    let result = await inflate(current, streamFormat(coding), limit);
    // "deflate" is meant to be zlib-wrapped, but some senders send a raw deflate stream.
    if (!result.ok && coding === "deflate") {
      const raw = await inflate(current, "deflate-raw", limit);
      if (raw.ok) result = raw;
    }
    if (!result.ok) return { ok: false, error: `Could not decode ${coding}: ${result.error}`, unsupported: false };
    current = result.bytes;
    capped ||= result.capped;
  }
  return { ok: true, bytes: current, capped };
}

async function inflate(
  bytes: Uint8Array,
  format: string,
  limit: number,
): Promise<{ ok: true; bytes: Uint8Array; capped: boolean } | { ok: false; error: string }> {
  const stream = new DecompressionStream(format as CompressionFormat);
  const writer = stream.writable.getWriter();
  // Errors surface on the reader; the writer's own rejections are the same error.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total >= limit) {
        await reader.cancel().catch(() => {});
        return { ok: true, bytes: concat(chunks, limit), capped: true };
      }
    }
  } catch (err) {
    return { ok: false, error: describe(err, total) };
  }
  return { ok: true, bytes: concat(chunks, total), capped: false };
}

function describe(err: unknown, produced: number): string {
  const message = errorMessage(err);
  const reason = /incorrect header|header check|invalid gzip header|unknown compression/i.test(message)
    ? "the data does not start with a valid header"
    : /unexpected end|truncated|premature/i.test(message)
      ? "the data ends too early (truncated)"
      : message || "the data is corrupt";
  return produced > 0 ? `${reason} (after ${produced} decoded bytes)` : reason;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= size) break;
    const piece = chunk.subarray(0, size - at);
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
