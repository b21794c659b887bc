import { request as httpRequest, Agent } from "node:http";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

const servers: RunningServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

function post(agent: Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: "POST", agent, headers: { "Content-Type": "text/plain", "Content-Length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

test("SIGKILL under load: every request that got a 2xx is stored byte-exact, none twice", async () => {
  // No rate limit and no pruning: every acknowledged request must still be there afterwards.
  const first = await startServer({ RATE_LIMIT_PER_BIN: "0", RATE_LIMIT_PER_ADDRESS: "0", BIN_MAX_REQUESTS: "100000" });
  servers.push(first);
  const bin: CreatedBin = await createBin(first.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const acknowledged: string[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    // Below the 10,000 requests one export carries, which is how the check reads them back.
    while (!killed && next < 9_000) {
      const marker = `delivery-${String(next++).padStart(6, "0")}-${"x".repeat(200)}`;
      if ((await post(agent, bin.captureUrl, marker)) === 200) acknowledged.push(marker);
    }
  };
  const workers = Array.from({ length: 16 }, worker);
  // Let load build up, then kill mid-stream: no shutdown hooks, nothing flushed on the way out.
  const deadline = Date.now() + 3000;
  while (acknowledged.length < 2000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  first.child.kill("SIGKILL");
  killed = true;
  await Promise.all(workers);
  agent.destroy();
  assert.ok(acknowledged.length > 100, `only ${acknowledged.length} requests were acknowledged before the kill`);

  const second = await startServer({ BIN_MAX_REQUESTS: "100000" }, { databaseUrl: first.databaseUrl });
  servers.push(second);
  const exported = (await (await fetch(`${second.url}/api/bins/${bin.id}/export?format=json`, authorized(bin.ownerToken))).json()) as {
    requests: { bodyBase64: string }[];
  };
  const stored = exported.requests.map((request) => Buffer.from(request.bodyBase64, "base64").toString());
  const storedSet = new Set(stored);
  assert.equal(storedSet.size, stored.length, "a request is stored twice");
  const lost = acknowledged.filter((marker) => !storedSet.has(marker));
  assert.deepEqual(lost, [], `${lost.length} acknowledged requests were lost`);
});
