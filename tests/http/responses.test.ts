import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ApiError, BinInfo, CreatedBin, RequestDetail, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

async function patch(bin: CreatedBin, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/bins/${bin.id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function settle(bin: CreatedBin, body: unknown): Promise<void> {
  const response = await patch(bin, body);
  assert.equal(response.status, 200, await response.clone().text());
}

async function detail(bin: CreatedBin, id: string): Promise<RequestDetail> {
  return (await (await fetch(`${server.url}/api/bins/${bin.id}/requests/${id}`, authorized(bin.ownerToken))).json()) as RequestDetail;
}

describe("custom responses", () => {
  test("status, headers, content type and body apply to the next request without a restart", async () => {
    const bin = await createBin(server.url);
    assert.equal((await fetch(bin.captureUrl, { method: "POST" })).status, 200);
    await settle(bin, {
      settings: {
        response: {
          status: 202,
          contentType: "text/plain",
          headers: [
            ["X-Custom", "one"],
            ["X-Custom", "two"],
          ],
          body: "accepted!",
        },
      },
    });
    const response = await fetch(bin.captureUrl, { method: "POST", body: "x" });
    assert.equal(response.status, 202);
    assert.equal(response.headers.get("content-type"), "text/plain");
    assert.equal(response.headers.get("x-custom"), "one, two");
    assert.equal(await response.text(), "accepted!");
    const stored = await detail(bin, response.headers.get("x-hookscope-request-id")!);
    assert.equal(stored.responseStatus, 202);
    assert.equal(stored.responseRule, null);
  });

  test("a delay holds the answer that long, and the request is stored before it", async () => {
    const bin = await createBin(server.url);
    await settle(bin, { settings: { response: { delayMs: 400 } } });
    const started = performance.now();
    const response = await fetch(bin.captureUrl, { method: "POST" });
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 380, "answered before the delay");
  });

  test("a hold rule never answers: the sender's own timeout ends it, and the request is kept", async () => {
    const bin = await createBin(server.url);
    await settle(bin, { settings: { rules: [{ when: { kind: "always" }, action: { kind: "hold" } }] } });
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${bin.captureUrl}/held`, { method: "POST", timeout: 700 }, () => resolve("answered"));
      req.on("timeout", () => {
        req.destroy();
        resolve("client timeout");
      });
      req.on("error", () => undefined);
      req.end("waiting");
    });
    assert.equal(outcome, "client timeout");
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.equal(page.requests[0]?.path, "/held");
    assert.equal(page.requests[0]?.responseStatus, 0);
    assert.match(page.requests[0]?.responseRule ?? "", /hold/);
  });
});

describe("failure rehearsal", () => {
  async function statuses(bin: CreatedBin, count: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push((await fetch(bin.captureUrl, { method: "POST" })).status);
    return out;
  }

  test("a status on the Nth request counts from when the rules were saved", async () => {
    const bin = await createBin(server.url);
    await statuses(bin, 2);
    await settle(bin, { settings: { rules: [{ when: { kind: "nth", n: 2 }, action: { kind: "status", status: 503 } }] } });
    assert.deepEqual(await statuses(bin, 3), [200, 503, 200]);
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=3`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.deepEqual(
      page.requests.map((r) => r.responseStatus),
      [200, 503, 200],
    );
    assert.match(page.requests[1]!.responseRule!, /503 on the 2nd request/);
  });

  test("every Nth, 410 after N, and 429 with Retry-After", async () => {
    const bin = await createBin(server.url);
    await settle(bin, {
      settings: {
        rules: [
          { when: { kind: "after", n: 5 }, action: { kind: "gone" } },
          { when: { kind: "every_nth", n: 2 }, action: { kind: "rate_limit", retryAfterSeconds: 7 } },
        ],
      },
    });
    assert.deepEqual(await statuses(bin, 7), [200, 429, 200, 429, 200, 410, 410]);
    await settle(bin, { settings: { rules: [{ when: { kind: "always" }, action: { kind: "rate_limit", retryAfterSeconds: 7 } }] } });
    const limited = await fetch(bin.captureUrl, { method: "POST" });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "7");
  });

  test("a percentage of 100 fails every request and 0 fails none", async () => {
    const bin = await createBin(server.url);
    await settle(bin, { settings: { rules: [{ when: { kind: "percent", percent: 100 }, action: { kind: "status", status: 500 } }] } });
    assert.deepEqual(await statuses(bin, 3), [500, 500, 500]);
    await settle(bin, { settings: { rules: [{ when: { kind: "percent", percent: 0 }, action: { kind: "status", status: 500 } }] } });
    assert.deepEqual(await statuses(bin, 3), [200, 200, 200]);
  });
});

describe("validation", () => {
  const cases: [string, unknown, RegExp][] = [
    ["status 99", { settings: { response: { status: 99 } } }, /status must be between 200 and 599/],
    ["negative delay", { settings: { response: { delayMs: -1 } } }, /delayMs cannot be negative/],
    ["delay over 30 s", { settings: { response: { delayMs: 30_001 } } }, /at most 30000/],
    ["header name with a space", { settings: { response: { headers: [["X Bad", "v"]] } } }, /header name/],
    ["framing header", { settings: { response: { headers: [["Content-Length", "5"]] } } }, /framing headers/],
    ["a 300 KiB body", { settings: { response: { body: "x".repeat(300 * 1024) } } }, /at most 256 KiB/],
    ["unknown key", { settings: { response: { colour: "red" } } }, /Unrecognized key/i],
    ["rule with n = 0", { settings: { rules: [{ when: { kind: "nth", n: 0 }, action: { kind: "gone" } }] } }, /n must be 1 or more/],
    ["expiry in the past", { expiresAt: "2000-01-01T00:00:00Z" }, /must be in the future/],
  ];
  for (const [name, body, message] of cases) {
    test(`refuses ${name} with a clear message`, async () => {
      const bin = await createBin(server.url);
      const response = await patch(bin, body);
      assert.equal(response.status, 400);
      const error = ((await response.json()) as ApiError).error;
      assert.equal(error.code, "invalid_request");
      assert.match(error.message, message);
      assert.equal((await fetch(bin.captureUrl, { method: "POST" })).status, 200, "capture still works");
    });
  }

  test("refuses a 50 MB body and malformed JSON", async () => {
    const bin = await createBin(server.url);
    const huge = await fetch(`${server.url}/api/bins/${bin.id}`, {
      method: "PATCH",
      headers: authorized(bin.ownerToken).headers,
      body: `{"settings":{"response":{"body":"${"x".repeat(50 * 1024 * 1024)}"}}}`,
    });
    assert.equal(huge.status, 400);
    const malformed = await fetch(`${server.url}/api/bins/${bin.id}`, { method: "PATCH", headers: authorized(bin.ownerToken).headers, body: "{oops" });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as ApiError).error.message, /not valid JSON/);
  });

  test("only the owner may change settings", async () => {
    const bin = await createBin(server.url);
    const shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
    const response = await fetch(`${server.url}/api/bins/${bin.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${shareToken}` },
      body: JSON.stringify({ settings: { response: { status: 500 } } }),
    });
    assert.equal(response.status, 403);
    const settings = await fetch(`${server.url}/api/bins/${bin.id}/settings`, authorized(shareToken));
    assert.equal(settings.status, 403);
  });
});

describe("names, CORS and retention", () => {
  test("a bin can have a readable name; names are unique and validated", async () => {
    const name = `stripe-staging-${Date.now()}`;
    const created = await fetch(`${server.url}/api/bins`, { method: "POST", body: JSON.stringify({ name }) });
    assert.equal(created.status, 201);
    const bin = (await created.json()) as CreatedBin;
    assert.equal(bin.captureUrl, `${server.url}/h/${name}`);
    assert.equal((await fetch(`${bin.captureUrl}/x`, { method: "POST" })).status, 200);
    const again = await fetch(`${server.url}/api/bins`, { method: "POST", body: JSON.stringify({ name }) });
    assert.equal(again.status, 409);
    assert.equal(((await again.json()) as ApiError).error.code, "name_taken");
    for (const bad of ["Bad Name", "ab", "api", "-dash", "a--b"]) {
      const response = await fetch(`${server.url}/api/bins`, { method: "POST", body: JSON.stringify({ name: bad }) });
      assert.equal(response.status, 400, bad);
    }
  });

  test("with CORS on, a preflight is answered as a browser expects", async () => {
    const bin = await createBin(server.url);
    const off = await fetch(bin.captureUrl, { method: "OPTIONS", headers: { Origin: "http://page.test", "Access-Control-Request-Method": "PUT" } });
    assert.equal(off.headers.get("access-control-allow-origin"), null);
    await settle(bin, { settings: { cors: { enabled: true } } });
    const preflight = await fetch(bin.captureUrl, {
      method: "OPTIONS",
      headers: { Origin: "http://page.test", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type, x-sig" },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.equal(preflight.headers.get("access-control-allow-methods"), "PUT");
    assert.equal(preflight.headers.get("access-control-allow-headers"), "content-type, x-sig");
    const actual = await fetch(bin.captureUrl, { method: "PUT", headers: { Origin: "http://page.test" } });
    assert.equal(actual.headers.get("access-control-allow-origin"), "*");
    assert.match(actual.headers.get("access-control-expose-headers") ?? "", /X-Hookscope-Request-Id/);
  });

  test("the oldest requests beyond maxRequests are pruned", async () => {
    const bin = await createBin(server.url);
    await settle(bin, { maxRequests: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await fetch(bin.captureUrl, { method: "POST" })).headers.get("x-hookscope-request-id")!);
    let info: BinInfo | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      info = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
      if (info.requestCount === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(info?.requestCount, 3);
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.deepEqual(
      page.requests.map((r) => r.id),
      ids.slice(3).reverse(),
    );
  });

  test("a bin expires after the default lifetime and the owner can extend it", async () => {
    const bin = await createBin(server.url);
    const info = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
    const days = (Date.parse(info.expiresAt!) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `default expiry in ${days} days`);
    assert.equal(info.maxRequests, 1000);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const extended = (await (await patch(bin, { expiresAt: later })).json()) as BinInfo;
    assert.equal(extended.expiresAt, later);
  });
});
