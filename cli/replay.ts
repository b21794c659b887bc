import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { parseTargetUrl, redactUrl } from "@/lib/server/outbound/target-url";
import { errorMessage } from "@/lib/shared/errors";
import { FixtureSetSchema, type Fixture, type FixtureSet } from "@/lib/shared/fixtures";
import { CliError } from "./errors";
import { checkAnswer, parseExpectation, pick, type Expectation } from "./expect";
import { EXAMPLE_KINDS, exampleTest, type ExampleKind } from "./examples";
import { displayPath } from "./format";
import { junitXml, type CaseResult } from "./junit";
import { LocalTarget } from "./local-target";
import { parseResignOptions, resignLocally, type ResignConfig } from "./resign";
import { joinTargetUrl } from "@/lib/server/outbound/target-url";

export const REPLAY_OPTIONS = {
  to: { type: "string" },
  "resign-with-env": { type: "string" },
  "resign-scheme": { type: "string" },
  expect: { type: "string", multiple: true },
  junit: { type: "string" },
  timeout: { type: "string" },
  example: { type: "string" },
  duplicate: { type: "string" },
  reorder: { type: "string" },
  delay: { type: "string" },
  drip: { type: "string" },
  stale: { type: "boolean" },
  counter: { type: "string" },
  "counter-path": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface ReplayConfig {
  file: string;
  set: FixtureSet;
  to: string;
  resign: ResignConfig | null;
  expectations: Expectation[];
  junit: string | null;
  timeoutMs: number;
  chaos: ChaosConfig;
}

export type ReplayCommand =
  | { help: true }
  | { help: false; example: ExampleKind; file: string; set: FixtureSet; to: string | null }
  | { help: false; example: null; config: ReplayConfig };

const MAX_TIMEOUT_S = 3600;

export function parseReplayArgs(argv: string[], env: Record<string, string | undefined>): ReplayCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: REPLAY_OPTIONS });
  } catch (error) {
    throw new CliError(errorMessage(error).split("\n")[0]!, true);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1) throw new CliError("Give one fixture file: hookscope replay <fixtures.json> --to <url>.", true);
  const file = positionals[0]!;
  const set = readFixtures(file);
  let to: string | null = null;
  if (values.to !== undefined) {
    const url = parseTargetUrl(values.to);
    if (!url.ok) throw new CliError(`--to: ${url.message}`, true);
    to = url.url.href;
  }
  if (values.example !== undefined) {
    if (!(EXAMPLE_KINDS as readonly string[]).includes(values.example))
      throw new CliError(`--example takes ${EXAMPLE_KINDS.join(" or ")}, not "${values.example}".`, true);
    return { help: false, example: values.example as ExampleKind, file, set, to };
  }
  if (to === null) throw new CliError("Missing --to <url>: where is the handler the fixtures are sent to?", true);
  const timeout = values.timeout ?? "30";
  if (!/^\d+(\.\d+)?$/.test(timeout) || Number(timeout) <= 0 || Number(timeout) > MAX_TIMEOUT_S)
    throw new CliError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, not "${timeout}".`, true);
  return {
    help: false,
    example: null,
    config: {
      file,
      set,
      to,
      resign: parseResignOptions(values["resign-with-env"], values["resign-scheme"], env),
      expectations: (values.expect ?? ["2xx"]).map(parseExpectation),
      junit: values.junit ?? null,
      timeoutMs: Math.round(Number(timeout) * 1000),
      chaos: parseChaos(values),
    },
  };
}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new CliError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`, true);
  return Number(raw);
}

function parseChaos(values: {
  duplicate?: string;
  reorder?: string;
  delay?: string;
  drip?: string;
  stale?: boolean;
  counter?: string;
  "counter-path"?: string;
}): ChaosConfig {
  let counter: ChaosConfig["counter"] = null;
  if (values.counter !== undefined) {
    const url = parseTargetUrl(values.counter);
    if (!url.ok) throw new CliError(`--counter: ${url.message}`, true);
    const path = parseExpectation(`${values["counter-path"] ?? "$.count"}=0`);
    if (path.kind !== "json") throw new CliError("--counter-path is a JSON path such as $.processed.", true);
    counter = { url: url.url.href, path };
  } else if (values["counter-path"] !== undefined) throw new CliError("--counter-path goes with --counter <url>.", true);
  return {
    duplicate: whole("--duplicate", values.duplicate, 1, 1, 100),
    reorderWindow: whole("--reorder", values.reorder, 1, 2, 1000),
    delayMs: whole("--delay", values.delay, 0, 0, 60_000),
    dripBytesPerSecond: values.drip === undefined ? null : whole("--drip", values.drip, 0, 1, 100_000_000),
    stale: values.stale ?? false,
    counter,
  };
}

function readFixtures(file: string): FixtureSet {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${errorMessage(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON: export a fixture set from the inspector (Export → Fixtures) or GET /api/bins/<binId>/export?format=fixtures.`);
  }
  const parsed = FixtureSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`${file} is not a Hookscope fixture set: ${issue.path.join(".") || "file"}: ${issue.message}.`);
  }
  return parsed.data;
}

export function exampleFor(command: Extract<ReplayCommand, { example: ExampleKind }>): string {
  return exampleTest(command.example, basename(command.file), command.to);
}

/** Delivery chaos: what a provider's retries and a flaky network do to a handler, rehearsed. */
export interface ChaosConfig {
  /** Each fixture is sent this many times, identical bytes (a provider's retry of one delivery). */
  duplicate: number;
  /** > 1: the order is reversed within each window of this many fixtures. */
  reorderWindow: number;
  delayMs: number;
  /** Each body written at this rate (bytes per second) instead of at once; null: at once. */
  dripBytesPerSecond: number | null;
  /** Also send each re-signed fixture with its captured (old) signature, which a handler should refuse. */
  stale: boolean;
  /** A URL on the handler whose JSON carries a count of processed events, read before and after. */
  counter: { url: string; path: Expectation & { kind: "json" } } | null;
}

type Out = { line(text: string): void };

/** Sends every fixture in order (with any chaos asked for); one line per attempt, a diff under a mismatch; 0 when all passed, else 1. */
export async function runReplay(config: ReplayConfig, out: Out): Promise<number> {
  const local = new LocalTarget(1);
  const startedAt = new Date();
  const results: CaseResult[] = [];
  const { chaos } = config;
  const stale = { sent: 0, accepted: [] as string[] };
  let duplicatesAccepted = 0;
  let distinctSent = 0;
  let counterBefore: number | undefined;
  try {
    if (chaos.counter) counterBefore = await readCounter(local, chaos.counter, config.timeoutMs, out);
    const fixtures = reorder(config.set.fixtures, chaos.reorderWindow);
    if (chaos.reorderWindow > 1) out.line(`Order: reversed within windows of ${chaos.reorderWindow}: ${fixtures.map((f) => displayPath(f)).join(", ")}`);
    for (const [index, fixture] of fixtures.entries()) {
      if (index > 0 && chaos.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, chaos.delayMs));
      const prepared = prepare(config, fixture);
      if ("error" in prepared) {
        out.line(`✗ ${where(fixture)}  not sent\n    ${prepared.error}`);
        results.push({ name: fixture.name, seconds: 0, error: { message: prepared.error, detail: prepared.error } });
        continue;
      }
      distinctSent++;
      for (let copy = 1; copy <= chaos.duplicate; copy++) {
        const label = chaos.duplicate > 1 ? ` [copy ${copy}/${chaos.duplicate}]` : "";
        const drip = chaos.dripBytesPerSecond ? ` [body dripped at ${chaos.dripBytesPerSecond} B/s]` : "";
        const result = await sendAndCheck(config, local, fixture, prepared.request, `${prepared.note}${label}${drip}`, out);
        results.push({ ...result, name: fixture.name + label });
        if (copy > 1 && !result.failure && !result.error) duplicatesAccepted++;
      }
      if (chaos.stale && prepared.resigned) {
        stale.sent++;
        const age = Math.round((Date.now() - Date.parse(fixture.receivedAt)) / 1000);
        const captured = {
          method: fixture.method,
          url: joinTargetUrl(config.to, fixture.path, fixture.query),
          headers: fixture.headers,
          body: Buffer.from(fixture.bodyBase64, "base64"),
        };
        const outcome = await local.send({ ...captured, url: new URL(captured.url), timeoutMs: config.timeoutMs, keepAnswer: false });
        const accepted = outcome.ok && outcome.status >= 200 && outcome.status < 300;
        out.line(`${accepted ? "!" : "✓"} ${where(fixture)}  → ${outcome.ok ? outcome.status : outcome.error.message}  [captured signature, ${age} s old]`);
        if (accepted) stale.accepted.push(`${fixture.name}: its captured signature, ${age} s old, was answered ${outcome.ok ? outcome.status : ""}`);
      }
    }
    const findings = await chaosFindings(config, local, { stale, duplicatesAccepted, distinctSent, counterBefore }, out);
    results.push(...findings);
  } finally {
    local.close();
  }
  const failed = results.filter((result) => result.failure || result.error).length;
  out.line(
    `${results.length - failed} of ${results.length} checks passed${failed ? `, ${failed} failed` : ""} (expecting ${config.expectations.map((e) => e.text).join(", ")}).`,
  );
  if (config.junit !== null) {
    writeFileSync(config.junit, junitXml(basename(config.file), results, startedAt));
    out.line(`JUnit report: ${config.junit}`);
  }
  return failed === 0 ? 0 : 1;
}

/** Reversed within each window: a deterministic reordering, so a failing run can be repeated. */
function reorder<T>(items: readonly T[], window: number): T[] {
  if (window <= 1) return [...items];
  const out: T[] = [];
  for (let start = 0; start < items.length; start += window) out.push(...items.slice(start, start + window).reverse());
  return out;
}

function where(fixture: Fixture): string {
  return `${fixture.method.padEnd(6)} ${displayPath(fixture)}`;
}

type Outgoing = { method: string; url: string; headers: readonly (readonly [string, string])[]; body: Buffer };

function prepare(config: ReplayConfig, fixture: Fixture): { request: Outgoing; note: string; resigned: boolean } | { error: string } {
  const request: Outgoing = {
    method: fixture.method,
    url: joinTargetUrl(config.to, fixture.path, fixture.query),
    headers: fixture.headers,
    body: Buffer.from(fixture.bodyBase64, "base64"),
  };
  // A fixture captured unsigned is sent as it is, unless a scheme was forced with --resign-scheme.
  if (!config.resign || (fixture.scheme === null && config.resign.scheme === null)) return { request, note: "", resigned: false };
  const signed = resignLocally(config.resign, request, fixture.scheme);
  if (!signed.ok) return { error: signed.message };
  return { request: { ...signed.request, body: Buffer.from(signed.request.body) }, note: `  (re-signed: ${signed.summary.scheme})`, resigned: true };
}

async function sendAndCheck(config: ReplayConfig, local: LocalTarget, fixture: Fixture, request: Outgoing, note: string, out: Out): Promise<CaseResult> {
  const outcome = await local.send({
    ...request,
    url: new URL(request.url),
    timeoutMs: config.timeoutMs,
    keepAnswer: true,
    dripBytesPerSecond: config.chaos.dripBytesPerSecond ?? undefined,
  });
  const seconds = outcome.durationMs / 1000;
  if (!outcome.ok) {
    const message = `No answer from ${redactUrl(request.url)}: ${outcome.error.message}`;
    out.line(`✗ ${where(fixture)}  no answer${note}\n    ${outcome.error.message}`);
    return { name: fixture.name, seconds, error: { message, detail: message } };
  }
  const diffs = checkAnswer(config.expectations, { status: outcome.status, body: outcome.body ?? Buffer.alloc(0) });
  const head = `${where(fixture)}  → ${outcome.status}  ${Math.round(outcome.durationMs)} ms${note}`;
  if (diffs.length === 0) {
    out.line(`✓ ${head}`);
    return { name: fixture.name, seconds };
  }
  const detail = diffs.join("\n");
  out.line(`✗ ${head}\n${detail.replace(/^/gm, "    ")}`);
  return { name: fixture.name, seconds, failure: { message: diffs.map((diff) => diff.split("\n")[0]).join("; "), detail } };
}

async function readCounter(local: LocalTarget, counter: NonNullable<ChaosConfig["counter"]>, timeoutMs: number, out: Out): Promise<number | undefined> {
  const outcome = await local.send({ method: "GET", url: new URL(counter.url), headers: [], body: Buffer.alloc(0), timeoutMs, keepAnswer: true });
  if (!outcome.ok || outcome.status >= 300) {
    out.line(`! counter ${redactUrl(counter.url)} could not be read (${outcome.ok ? outcome.status : outcome.error.message}).`);
    return undefined;
  }
  try {
    const { value } = pick(JSON.parse((outcome.body ?? Buffer.alloc(0)).toString("utf8")), counter.path.path);
    if (typeof value === "number") return value;
  } catch {
    // Reported below as unreadable.
  }
  out.line(`! counter ${redactUrl(counter.url)} has no number at ${counter.path.text.split(" = ")[0]}.`);
  return undefined;
}

/**
 * What the handler accepted that it arguably should not have, as far as can be seen: a captured
 * (old) signature answered 2xx; duplicates counted twice by the owner's counter. Without a counter,
 * whether a 2xx copy was processed twice cannot be seen, and the summary says so instead of guessing.
 */
async function chaosFindings(
  config: ReplayConfig,
  local: LocalTarget,
  seen: { stale: { sent: number; accepted: string[] }; duplicatesAccepted: number; distinctSent: number; counterBefore: number | undefined },
  out: Out,
): Promise<CaseResult[]> {
  const { chaos } = config;
  const findings: CaseResult[] = [];
  if (chaos.stale) {
    const name = "chaos: captured (stale) signatures are refused";
    if (seen.stale.sent === 0) out.line("Stale signatures: none sent (only fixtures that were re-signed have an old signature to send).");
    else if (seen.stale.accepted.length === 0) {
      out.line(`Stale signatures: ${seen.stale.sent} sent, all refused.`);
      findings.push({ name, seconds: 0 });
    } else {
      const message = `${seen.stale.accepted.length} of ${seen.stale.sent} captured signatures were accepted (2xx): the handler does not refuse old signatures`;
      out.line(`Stale signatures: ${message}.`);
      findings.push({ name, seconds: 0, failure: { message, detail: seen.stale.accepted.join("\n") } });
    }
  }
  if (chaos.duplicate > 1) {
    const copies = seen.distinctSent * (chaos.duplicate - 1);
    const counter = chaos.counter;
    const after = counter && seen.counterBefore !== undefined ? await readCounter(local, counter, config.timeoutMs, out) : undefined;
    if (counter && seen.counterBefore !== undefined && after !== undefined) {
      const delta = after - seen.counterBefore;
      const name = "chaos: duplicates are processed once";
      const words = `counter went from ${seen.counterBefore} to ${after} (+${delta}) for ${seen.distinctSent} distinct fixtures sent ${chaos.duplicate} times each`;
      if (delta > seen.distinctSent) {
        out.line(`Duplicates: ${words}: copies were processed.`);
        findings.push({ name, seconds: 0, failure: { message: `${words}: copies were processed`, detail: words } });
      } else {
        out.line(`Duplicates: ${words}: each processed at most once.`);
        findings.push({ name, seconds: 0 });
      }
    } else {
      out.line(
        `Duplicates: ${seen.duplicatesAccepted} of ${copies} copies were answered as expected; whether a copy was processed twice cannot be seen from the answers (give --counter <url> to check).`,
      );
    }
  }
  return findings;
}
