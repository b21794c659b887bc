// A global npm install starts Hookscope through a symlink (prefix/bin/hookscope) in a folder with no
// node_modules above it, and Node keeps that path as the entry script. Everything the server loads
// at run time, including what it resolves by path for the SQLite checkpoint thread, must be found
// from the package itself, not from the entry's folder or the working directory.
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { ROOT_DIR } from "../helpers/db";
import { startServer } from "../helpers/server";
import { tempDir } from "../helpers/temp";

test("started through a symlink outside the package, the server is healthy, captures, and runs its checkpoint thread", async () => {
  const bin = path.join(tempDir("entry-symlink"), "bin");
  mkdirSync(bin, { recursive: true });
  const entry = path.join(bin, "hookscope-server");
  symlinkSync(path.join(ROOT_DIR, "dist", "server.mjs"), entry);
  const server = await startServer({}, { entry });
  try {
    const created = await fetch(`${server.url}/api/bins`, { method: "POST" });
    assert.equal(created.status, 201);
    const { captureUrl } = (await created.json()) as { captureUrl: string };
    const captured = await fetch(`${captureUrl}/x`, { method: "POST", body: "{}" });
    assert.equal(captured.status, 200);
    assert.doesNotMatch(server.output(), /no checkpoint thread|checkpoint thread stopped|Cannot find module/);
  } finally {
    await server.stop();
  }
});
