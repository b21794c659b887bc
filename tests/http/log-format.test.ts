import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../helpers/server";

test("LOG_FORMAT=json writes every log line of the server as one JSON object", { timeout: 60_000 }, async () => {
  const server = await startServer({ LOG_FORMAT: "json" });
  // A capture to an unknown bin logs nothing; a malformed OUTBOUND setting is not needed: the start-up lines suffice.
  await server.stop();
  const lines = server
    .output()
    .split("\n")
    .filter((line) => line.trim() !== "");
  assert.ok(lines.length >= 2, server.output());
  for (const line of lines) {
    const entry = JSON.parse(line) as { time: string; level: string; msg: string };
    assert.match(entry.time, /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(["info", "warn", "error"].includes(entry.level), line);
    assert.equal(typeof entry.msg, "string");
  }
  assert.ok(lines.some((line) => (JSON.parse(line) as { msg: string }).msg.startsWith("Hookscope listening on")));
});
