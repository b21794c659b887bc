import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { parseTargetUrl, redactUrl } from "@/lib/server/outbound/target-url";
import { errorMessage } from "@/lib/shared/errors";
import { FixtureSetSchema, type Fixture, type FixtureSet } from "@/lib/shared/fixtures";
import { CliError } from "./errors";
import { checkAnswer, parseExpectation, type Expectation } from "./expect";
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
    },
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

/** Sends every fixture in order; prints one line each (and the diff under a mismatch); 0 when all passed, else 1. */
export async function runReplay(config: ReplayConfig, out: { line(text: string): void }): Promise<number> {
  const local = new LocalTarget(1);
  const startedAt = new Date();
  const results: CaseResult[] = [];
  try {
    for (const fixture of config.set.fixtures) results.push(await replayOne(config, local, fixture, out));
  } finally {
    local.close();
  }
  const failed = results.filter((result) => result.failure || result.error).length;
  out.line(
    `${results.length - failed} of ${results.length} fixtures passed${failed ? `, ${failed} failed` : ""} (expecting ${config.expectations.map((e) => e.text).join(", ")}).`,
  );
  if (config.junit !== null) {
    writeFileSync(config.junit, junitXml(basename(config.file), results, startedAt));
    out.line(`JUnit report: ${config.junit}`);
  }
  return failed === 0 ? 0 : 1;
}

async function replayOne(config: ReplayConfig, local: LocalTarget, fixture: Fixture, out: { line(text: string): void }): Promise<CaseResult> {
  const where = `${fixture.method.padEnd(6)} ${displayPath(fixture)}`;
  let request = {
    method: fixture.method,
    url: joinTargetUrl(config.to, fixture.path, fixture.query),
    headers: fixture.headers,
    body: Buffer.from(fixture.bodyBase64, "base64"),
  };
  let note = "";
  // A fixture captured unsigned is sent as it is, unless a scheme was forced with --resign-scheme.
  if (config.resign && (fixture.scheme !== null || config.resign.scheme !== null)) {
    const signed = resignLocally(config.resign, request, fixture.scheme);
    if (!signed.ok) {
      out.line(`✗ ${where}  not sent\n    ${signed.message}`);
      return { name: fixture.name, seconds: 0, error: { message: signed.message, detail: signed.message } };
    }
    request = { ...signed.request, body: Buffer.from(signed.request.body) };
    note = `  (re-signed: ${signed.summary.scheme})`;
  }
  const outcome = await local.send({ ...request, url: new URL(request.url), timeoutMs: config.timeoutMs, keepAnswer: true });
  const seconds = outcome.durationMs / 1000;
  if (!outcome.ok) {
    const message = `No answer from ${redactUrl(request.url)}: ${outcome.error.message}`;
    out.line(`✗ ${where}  no answer${note}\n    ${outcome.error.message}`);
    return { name: fixture.name, seconds, error: { message, detail: message } };
  }
  const diffs = checkAnswer(config.expectations, { status: outcome.status, body: outcome.body ?? Buffer.alloc(0) });
  const head = `${where}  → ${outcome.status}  ${Math.round(outcome.durationMs)} ms${note}`;
  if (diffs.length === 0) {
    out.line(`✓ ${head}`);
    return { name: fixture.name, seconds };
  }
  const detail = diffs.join("\n");
  out.line(`✗ ${head}\n${detail.replace(/^/gm, "    ")}`);
  return { name: fixture.name, seconds, failure: { message: diffs.map((diff) => diff.split("\n")[0]).join("; "), detail } };
}
