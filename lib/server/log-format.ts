import { format } from "node:util";

const LEVELS = { log: "info", info: "info", warn: "warn", error: "error" } as const;

/**
 * With LOG_FORMAT=json every console line becomes one JSON object ({ time, level, msg }), for log
 * collectors; the default stays plain text for people. Patched at start, before anything logs.
 */
export function applyLogFormat(setting: string | undefined): void {
  if (setting === undefined || setting === "" || setting === "text") return;
  if (setting !== "json") throw new Error(`LOG_FORMAT must be text or json, not ${JSON.stringify(setting)}`);
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, string][]) {
    const stream = level === "info" ? process.stdout : process.stderr;
    console[method] = (...args: unknown[]) => {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: format(...args) })}\n`);
    };
  }
}
