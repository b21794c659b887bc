/** "3 s", "3,300 s", "0.4 s": whole seconds once they are large, with thousands separators. */
export function formatSeconds(value: number): string {
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString("en")} s`;
}
