// `hexdump -C` style lines, computed one at a time so a viewer can show any slice of a huge body.

export const HEX_BYTES_PER_LINE = 16;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function hexLineCount(size: number): number {
  return Math.ceil(size / HEX_BYTES_PER_LINE);
}

/** Offset, 16 bytes in two groups of 8, printable ASCII between bars. */
export function hexLine(bytes: Uint8Array, line: number, offsetWidth = 8): string {
  const offset = line * HEX_BYTES_PER_LINE;
  const end = Math.min(bytes.length, offset + HEX_BYTES_PER_LINE);
  let hex = "";
  let ascii = "";
  for (let k = 0; k < HEX_BYTES_PER_LINE; k++) {
    if (k === 8) hex += " ";
    const i = offset + k;
    if (i < end) {
      const b = bytes[i] ?? 0;
      hex += `${HEX[b]} `;
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
    } else {
      hex += "   ";
    }
  }
  return `${offset.toString(16).padStart(offsetWidth, "0")}  ${hex} |${ascii}|`;
}

export function hexDump(bytes: Uint8Array, limit = bytes.length): string {
  const lines: string[] = [];
  const view = bytes.subarray(0, Math.min(limit, bytes.length));
  for (let line = 0; line < hexLineCount(view.length); line++) lines.push(hexLine(view, line));
  return lines.join("\n");
}
