import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, RequestDetail } from "@/lib/shared/api-types";
import { executeSql, TEST_DB } from "../helpers/database";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

const SECRET = "whsec_migration_0123456789abcdefghij";
const MIGRATIONS = `prisma/${TEST_DB === "postgres" ? "postgres" : "sqlite"}/migrations`;

let server: RunningServer | undefined;
after(async () => server?.stop());

/** The data part of the migration that introduced the two dimensions: what it does to rows already stored. */
function dataMigration(): string {
  const folder = readdirSync(MIGRATIONS).find((name) => name.endsWith("_two_dimension_verdicts_and_sources"));
  assert.ok(folder, "the migration exists");
  const sql = readFileSync(`${MIGRATIONS}/${folder}/migration.sql`, "utf8");
  return sql.slice(sql.indexOf('UPDATE "CapturedRequest"'));
}

function stripeHeader(payload: string, secret: string, at: number): string {
  return `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${payload}`).digest("hex")}`;
}

test("rows stored with the one-word verdict are migrated: each gets both dimensions from its bytes, a forged late one no longer passes for a replay", async () => {
  server = await startServer();
  const bin: CreatedBin = await createBin(server.url);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server!.url}/api/bins/${bin.id}${path}`, { ...init, headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json" } });
  await api("/secrets", { method: "POST", body: JSON.stringify({ scheme: "stripe", secret: SECRET }) });
  const payload = '{"id":"evt_old","type":"charge.succeeded"}';
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  const capture = async (body: string, headers: Record<string, string>) =>
    (await fetch(bin.captureUrl, { method: "POST", body, headers })).headers.get("x-hookscope-request-id")!;
  const ids = {
    late: await capture(payload, { "Stripe-Signature": stripeHeader(payload, SECRET, hourAgo) }),
    forged: await capture('{"id":"evt_old","type":"charge.refunded"}', { "Stripe-Signature": stripeHeader(payload, SECRET, hourAgo) }),
    fresh: await capture(payload, { "Stripe-Signature": stripeHeader(payload, SECRET, Math.floor(Date.now() / 1000)) }),
    unsigned: await capture("{}", {}),
  };
  const databaseUrl = server.databaseUrl;
  await server.stop();

  // What the previous version stored: a stale timestamp marked both as a replay, whatever the signature.
  await executeSql(
    databaseUrl,
    `UPDATE "CapturedRequest" SET "replaySuspected" = true WHERE "verdict" = 'invalid';
     UPDATE "Bin" SET "recheckPending" = false;
     ${dataMigration()}`,
  );

  server = await startServer({}, { databaseUrl });
  const detail = async (id: string) => (await (await api(`/requests/${id}`)).json()) as RequestDetail;
  await waitUntil(
    async () => (await Promise.all(Object.values(ids).map(detail))).every((row) => row.signature !== "pending" && row.freshness !== "pending"),
    15_000,
    "the re-check at start",
  );
  const rows = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, await detail(id)] as const)));
  const dimensions = (row: RequestDetail) => [row.verdict, row.signature, row.freshness, row.replaySuspected];
  assert.deepEqual(dimensions(rows.late!), ["invalid", "matches", "stale", true]);
  assert.deepEqual(dimensions(rows.forged!), ["invalid", "mismatch", "stale", false]);
  assert.deepEqual(dimensions(rows.fresh!), ["valid", "matches", "fresh", false]);
  assert.deepEqual(dimensions(rows.unsigned!), ["not_signed", "not_signed", "not_checked", false]);
});
