import { test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { closePostgresPool, postgresPool } from "@/lib/server/db/postgres-pool";
import { freshDatabaseUrl } from "../../helpers/database";

test("a checked-out connection the server terminates is logged, not an uncaught exception, and the pool goes on", async () => {
  const url = await freshDatabaseUrl("poolerr");
  const pool = postgresPool(url);
  const uncaught: Error[] = [];
  let noticeUncaught = () => {};
  const someUncaught = new Promise<void>((resolve) => (noticeUncaught = resolve));
  const onUncaught = (error: Error) => {
    uncaught.push(error);
    noticeUncaught();
  };
  process.on("uncaughtException", onUncaught);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const held = await pool.connect();
    const pid = (await held.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const ended = new Promise<void>((resolve) => held.once("end", () => resolve()));
    // Terminated while checked out and between statements, as a restart finds a transaction's connection.
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    // An uncaught error stops pg before it reports the end: wait for whichever comes.
    await Promise.race([ended, someUncaught]);
    // Let any error the socket still had to give surface before looking.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      uncaught.map((error) => error.message),
      [],
    );
    await assert.rejects(held.query("SELECT 1"));
    held.release(true);
    assert.equal((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one, 1);
  } finally {
    process.off("uncaughtException", onUncaught);
    await admin.end();
    await closePostgresPool();
  }
});
