/** POSIX single-quoting: safe to paste into sh, bash and zsh whatever the URL contains. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The example a new user pastes into a terminal to see their first request arrive. */
export function curlExample(captureUrl: string): string {
  return [
    `curl -X POST ${shellQuote(`${captureUrl}/hello?source=curl`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"event":"ping","ok":true}'`,
  ].join("\n");
}
