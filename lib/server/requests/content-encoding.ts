import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import { contentCodings, MAX_DECODED_BYTES } from "@/lib/shared/body/encoding";
import type { HeaderPairs } from "@/lib/shared/headers";
import { errorMessage } from "@/lib/shared/errors";

export type DecodeResult = { ok: true; bytes: Buffer; encodings: string[] } | { ok: false; message: string };

function decodeOne(encoding: string, input: Buffer): Buffer {
  const options = { maxOutputLength: MAX_DECODED_BYTES };
  switch (encoding) {
    case "gzip":
      return gunzipSync(input, options);
    case "deflate":
      // "deflate" is zlib-wrapped by the spec, but some senders send raw deflate.
      try {
        return inflateSync(input, options);
      } catch {
        return inflateRawSync(input, options);
      }
    case "br":
      return brotliDecompressSync(input, options);
    default:
      throw new Error(`"${encoding}" is not an encoding Hookscope can undo (gzip, deflate, br)`);
  }
}

/** The body with its Content-Encoding undone, last applied first; a clear reason when it cannot be. */
export function decodeContentEncoding(body: Uint8Array, headers: HeaderPairs): DecodeResult {
  const encodings = contentCodings(headers);
  if (!encodings) return { ok: false, message: "The request has no Content-Encoding to undo." };
  let bytes: Buffer = Buffer.from(body);
  try {
    for (const encoding of [...encodings].reverse()) bytes = decodeOne(encoding, bytes);
  } catch (error) {
    const reason = error instanceof RangeError ? `it decodes to more than ${MAX_DECODED_BYTES} bytes` : errorMessage(error);
    return { ok: false, message: `The body could not be decoded as ${encodings.join(", ")}: ${reason}.` };
  }
  return { ok: true, bytes, encodings };
}

/** One `bytes=` range of a Range header, resolved against the body size; null for none or many. */
export function parseByteRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [, from, to] = match;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return "unsatisfiable";
  return { start, end: to === "" ? size - 1 : Math.min(Number(to), size - 1) };
}
