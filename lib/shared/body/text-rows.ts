// Text cut into display rows of at most `width` characters, so a windowed view can draw any slice
// of a multi-megabyte body (often one single line of JSON) at a fixed row height.

/** Where each row starts: at every line start, and every `width` characters along a long line. */
export function textRowStarts(text: string, width: number): Uint32Array {
  const step = Math.max(1, Math.floor(width));
  let starts = new Uint32Array(Math.max(16, Math.ceil(text.length / step) + 16));
  let count = 0;
  const push = (offset: number) => {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = offset;
  };
  let lineStart = 0;
  while (true) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    push(lineStart);
    for (let offset = lineStart + step; offset < lineEnd; offset += step) push(offset);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return starts.subarray(0, count);
}

/** Row `index` without its line break. */
export function rowText(text: string, starts: Uint32Array, index: number): string {
  const start = starts[index] ?? text.length;
  const end = starts[index + 1] ?? text.length;
  const row = text.slice(start, end);
  return row.endsWith("\n") ? row.slice(0, row.endsWith("\r\n") ? -2 : -1) : row;
}
