// What every benchmark entry point shares: settings from the environment, medians, and a main that
// always ends with one JSON line and cleans up its processes.
import { runAsyncCleanups } from "./processes";
import { errorMessage } from "@/lib/shared/errors";

export function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A comma-separated choice among `allowed`, each at most once, in the order given; `fallback` when unset. */
export function listSetting<T extends string>(name: string, allowed: readonly [T, T], fallback: string): T[] {
  const chosen = (process.env[name] || fallback)
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);
  for (const item of chosen) {
    if (!(allowed as readonly string[]).includes(item)) throw new Error(`${name} lists "${item}": use ${allowed[0]}, ${allowed[1]} or both, comma-separated`);
  }
  if (chosen.length === 0 || new Set(chosen).size !== chosen.length) throw new Error(`${name} must name ${allowed[0]} and/or ${allowed[1]}, once each`);
  return chosen as T[];
}

/** The median of the finite values; NaN when there are none. */
export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const errorText = (error: unknown) => errorMessage(error);

/** Runs `main` and exits with its code; on a crash, still prints one parseable last line, so CI can tell "broke" from "slow". */
export function runBench(bench: string, main: () => Promise<number>): void {
  main().then(
    async (code) => {
      await runAsyncCleanups();
      process.exit(code);
    },
    async (error: unknown) => {
      const message = errorText(error);
      console.error(`bench failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      await runAsyncCleanups();
      console.log(JSON.stringify({ bench, status: "ERROR", problems: [message] }));
      process.exit(1);
    },
  );
}
