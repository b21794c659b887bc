// Strict UTF-8 decoding that can say where a body stops being text.

export type Utf8Result =
  | { ok: true; text: string }
  | {
      ok: false;
      /** Byte offset of the first byte that is not part of a valid UTF-8 sequence. */
      offset: number;
      /** The whole input with invalid sequences replaced by U+FFFD, for a best-effort look. */
      lossy: string;
    };

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * `prefix` says the bytes are a prefix of a longer body: a multi-byte character cut at the end
 * of the prefix is then not an error.
 */
export function decodeUtf8(bytes: Uint8Array, { prefix = false }: { prefix?: boolean } = {}): Utf8Result {
  const usable = prefix ? bytes.subarray(0, completeLength(bytes)) : bytes;
  try {
    return { ok: true, text: strict.decode(usable) };
  } catch {
    return { ok: false, offset: firstInvalidByte(usable), lossy: lossy.decode(usable) };
  }
}

/** Length of the prefix that does not end inside a multi-byte sequence. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0) return i;
    if (need === 1) {
      i++;
      continue;
    }
    // A cheap exact check of one sequence: let the strict decoder judge it alone.
    try {
      if (i + need > bytes.length) return i;
      strict.decode(bytes.subarray(i, i + need));
    } catch {
      return i;
    }
    i += need;
  }
  return bytes.length;
}

/** The bytes as text when they are valid UTF-8 (a BOM kept as sent), else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  const result = decodeUtf8(bytes);
  return result.ok ? result.text : null;
}
