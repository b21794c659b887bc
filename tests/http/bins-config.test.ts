import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo, RequestDetail } from "@/lib/shared/api-types";
import { authorized } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { freshDatabaseUrl } from "../helpers/database";
import { tempDir } from "../helpers/temp";

const OWNER = "owner-token-from-the-environment-01";
const STRIPE_SECRET = "whsec_from_the_environment_0123456789";
const ENV = { HOOKS_OWNER: OWNER, STRIPE_SIGNING: STRIPE_SECRET };

const CONFIG = `# Two bins, declared for every start
bins:
  - name: stripe-staging
    ownerTokenEnv: HOOKS_OWNER
    maxRequests: 250
    settings:
      response: { status: 202, body: '{"received":true}' }
      rules:
        - name: every third fails
          when: { kind: every_nth, n: 3 }
          action: { kind: status, status: 503, body: null }
    secrets:
      - scheme: stripe
        secretEnv: STRIPE_SIGNING
  - name: github-ci
    ownerTokenEnv: HOOKS_OWNER
    settings:
      auth: { mode: header, headerName: X-Ci-Token, onFailure: flag }
`;

const servers: RunningServer[] = [];
after(async () => Promise.all(servers.map((server) => server.stop())));

function configFile(text: string): string {
  const file = path.join(tempDir("bins-config"), "hookscope.yaml");
  writeFileSync(file, text);
  return file;
}

async function state(server: RunningServer) {
  const read = async (id: string) => ({
    info: (await (await fetch(`${server.url}/api/bins/${id}`, authorized(OWNER))).json()) as BinInfo,
    settings: (await (await fetch(`${server.url}/api/bins/${id}/settings`, authorized(OWNER))).json()) as unknown,
    secrets: (await (await fetch(`${server.url}/api/bins/${id}/secrets`, authorized(OWNER))).json()) as unknown,
  });
  const strip = ({ info, ...rest }: Awaited<ReturnType<typeof read>>) => ({ ...rest, info: { ...info, requestCount: undefined } });
  // The URLs carry each server's port; everything else must be equal.
  const both = { stripe: strip(await read("stripe-staging")), github: strip(await read("github-ci")) };
  return JSON.parse(JSON.stringify(both).replaceAll(server.url, "ORIGIN")) as typeof both;
}

test(
  "a config of two bins applied at two starts gives the same bins; the secret from the environment verifies a Stripe signature",
  { timeout: 90_000 },
  async () => {
    const file = configFile(CONFIG);
    const databaseUrl = await freshDatabaseUrl("binsconfig");
    const first = await startServer({ HOOKSCOPE_CONFIG: file, ...ENV }, { databaseUrl });
    servers.push(first);
    const stateBefore = await state(first);
    assert.equal(stateBefore.stripe.info.maxRequests, 250);
    assert.equal(stateBefore.stripe.info.expiresAt, null, "managed bins do not expire");
    assert.equal((stateBefore.github.settings as { auth: { headerName: string } }).auth.headerName, "X-Ci-Token");
    assert.equal(stateBefore.stripe.info.managed, true);
    // Changes through the API would be undone at the next start: they are refused, saying where to make them.
    const owner = { Authorization: `Bearer ${OWNER}`, "Content-Type": "application/json" };
    for (const [method, path, body] of [
      ["PATCH", "/api/bins/stripe-staging", { maxRequests: 10 }],
      ["POST", "/api/bins/stripe-staging/secrets", { scheme: "github", secret: "another-secret-value" }],
      ["DELETE", "/api/bins/stripe-staging/secrets/config-1", undefined],
      ["DELETE", "/api/bins/stripe-staging", undefined],
    ] as const) {
      const refused = await fetch(`${first.url}${path}`, { method, headers: owner, ...(body ? { body: JSON.stringify(body) } : {}) });
      assert.equal(refused.status, 409, `${method} ${path}`);
      assert.match(await refused.text(), /"managed_by_config".*HOOKSCOPE_CONFIG/);
    }

    const payload = '{"id":"evt_config","type":"invoice.paid"}';
    const at = Math.floor(Date.now() / 1000);
    const signature = createHmac("sha256", STRIPE_SECRET).update(`${at}.${payload}`).digest("hex");
    const sent = await fetch(`${first.url}/h/stripe-staging`, { method: "POST", body: payload, headers: { "Stripe-Signature": `t=${at},v1=${signature}` } });
    assert.equal(sent.status, 202, "the configured answer");
    const id = sent.headers.get("x-hookscope-request-id")!;
    const stored = (await (await fetch(`${first.url}/api/bins/stripe-staging/requests/${id}`, authorized(OWNER))).json()) as RequestDetail;
    assert.equal(stored.verdict, "valid");
    assert.equal(stored.signature, "matches");
    await first.stop();

    const second = await startServer({ HOOKSCOPE_CONFIG: file, ...ENV }, { databaseUrl });
    servers.push(second);
    assert.match(second.output(), /every bin already as declared/);
    assert.deepEqual(await state(second), stateBefore, "the second start changes nothing");
    assert.equal(
      ((await (await fetch(`${second.url}/api/bins/stripe-staging/requests/${id}`, authorized(OWNER))).json()) as RequestDetail).id,
      id,
      "captures are kept",
    );
  },
);

// Five server starts in a row: on a loaded 2-core machine one takes over 10 s.
test("a file with mistakes stops the start, naming the line and the field", { timeout: 180_000 }, async () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [CONFIG.replace("scheme: stripe", "scheme: stripey"), ENV, /hookscope\.yaml:13:\d+ bins\[0\]\.secrets\[0\]: scheme: unknown scheme "stripey"/],
    [CONFIG, { HOOKS_OWNER: OWNER }, /hookscope\.yaml:14:\d+ bins\[0\]\.secrets\[0\]\.secretEnv: STRIPE_SIGNING is not set/],
    [CONFIG.replace("status: 202", "status: 99"), ENV, /hookscope\.yaml:7:\d+ bins\[0\]\.settings\.response\.status:/],
    [CONFIG.replace("maxRequests: 250", "maxRequests: 250\n    colour: blue"), ENV, /hookscope\.yaml:\d+:\d+ bins\[0\]: Unrecognized key: "colour"/],
    ["bins:\n  - name: [unclosed\n", ENV, /hookscope\.yaml:\d+:\d+: /],
  ];
  for (const [text, env, expected] of cases) {
    const file = configFile(text);
    await assert.rejects(startServer({ HOOKSCOPE_CONFIG: file, ...env }), (error: Error) => {
      assert.match(error.message, /server exited early/);
      assert.match(error.message, /config: the bins file has mistakes, nothing was applied/);
      assert.match(error.message, expected);
      return true;
    });
  }
});
