import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { HEALTHCHECK_OPTIONS, parseHealthcheckArgs } from "@/cli/healthcheck";
import { HEALTHCHECK_HELP, SERVE_HELP } from "@/cli/help";
import { DEFAULT_DATA_DIR, parseServeArgs, SERVE_OPTIONS } from "@/cli/serve";
import { CliError } from "@/cli/errors";

test("serve --help and healthcheck --help name every option", () => {
  for (const option of Object.keys(SERVE_OPTIONS)) assert.ok(SERVE_HELP.includes(`--${option}`), `serve --help names --${option}`);
  for (const option of Object.keys(HEALTHCHECK_OPTIONS)) assert.ok(HEALTHCHECK_HELP.includes(`--${option}`), `healthcheck --help names --${option}`);
});

function dataDirOf(command: ReturnType<typeof parseServeArgs>): string | null {
  assert.equal(command.help, false);
  return command.help ? null : command.dataDir;
}

test("serve keeps SQLite in --data, else HOOKSCOPE_DATA, else ~/.hookscope, resolved from the working folder", () => {
  const given = parseServeArgs(["--data", "here", "--port", "0", "--host", "127.0.0.1"], {}, "/srv/x");
  assert.deepEqual(given, { help: false, dataDir: "/srv/x/here", settings: { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "file:/srv/x/here/hookscope.db" } });
  assert.equal(dataDirOf(parseServeArgs([], { HOOKSCOPE_DATA: "/var/lib/hookscope" }, "/srv/x")), "/var/lib/hookscope");
  assert.equal(dataDirOf(parseServeArgs([], {}, "/srv/x")), DEFAULT_DATA_DIR);
  assert.ok(path.isAbsolute(DEFAULT_DATA_DIR));
});

test("serve leaves DATABASE_URL alone and refuses it together with --data", () => {
  const postgres = parseServeArgs([], { DATABASE_URL: "postgres://u:p@db/hookscope" });
  assert.deepEqual(postgres, { help: false, dataDir: null, settings: {} });
  assert.throws(() => parseServeArgs(["--data", "x"], { DATABASE_URL: "postgres://u:p@db/hookscope" }), /either --data/);
});

test("serve and healthcheck refuse bad options with one sentence", () => {
  const refusals: [() => unknown, RegExp][] = [
    [() => parseServeArgs(["--port", "80a"], {}), /--port must be a number/],
    [() => parseServeArgs(["--port", "70000"], {}), /--port must be a number/],
    [() => parseServeArgs(["--host", " "], {}), /--host must name an address/],
    [() => parseServeArgs(["--config", "/nonexistent/bins.yaml"], {}), /no file at/],
    [() => parseServeArgs(["--colour"], {}), /Unknown option/],
    [() => parseHealthcheckArgs(["--url", "ftp://x"], {}), /must be http or https/],
    [() => parseHealthcheckArgs(["--url", "not a url"], {}), /--url must be the server's origin/],
    [() => parseHealthcheckArgs(["--timeout", "0"], {}), /--timeout must be seconds/],
  ];
  for (const [call, message] of refusals) assert.throws(call, (error: unknown) => error instanceof CliError && message.test(error.message));
});

test("healthcheck asks /api/health on PORT by default", () => {
  const parsed = parseHealthcheckArgs([], { PORT: "8080" });
  assert.equal(parsed.help === false && parsed.url.href, "http://127.0.0.1:8080/api/health");
  const given = parseHealthcheckArgs(["--url", "https://hooks.example.com/"], {});
  assert.equal(given.help === false && given.url.href, "https://hooks.example.com/api/health");
});
