// A web page on another origin posting to a bin: the browser sends a preflight, and only a bin
// with CORS enabled lets the page see the answer.
import http from "node:http";
import type { AddressInfo } from "node:net";
// Playwright's plain `test`: the fixtures' page fails on console errors, and the blocked request logs one on purpose.
import { expect, test, type Page } from "@playwright/test";

const PAGE = "<!doctype html><title>sender</title><p>sender page</p>";

async function startPageServer() {
  const server = http.createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" vs the app's "127.0.0.1": another origin, so the browser applies CORS.
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function postFromPage(page: Page, captureUrl: string) {
  return page.evaluate(async (url) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Signature": "abc" },
        body: JSON.stringify({ from: "browser" }),
      });
      return { ok: true, status: response.status, id: response.headers.get("X-Hookscope-Request-Id") };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  }, captureUrl);
}

test("a page on another origin can post to a bin once CORS is enabled", async ({ page, request }) => {
  const pageServer = await startPageServer();
  try {
    const created = await (await request.post("/api/bins")).json();
    const auth = { Authorization: `Bearer ${created.ownerToken}` };
    await page.goto(pageServer.origin);

    const blocked = await postFromPage(page, created.captureUrl);
    expect(blocked.ok, "without CORS the browser blocks the preflighted request").toBe(false);

    const enabled = await request.patch(`/api/bins/${created.id}`, { headers: auth, data: { settings: { cors: { enabled: true } } } });
    expect(enabled.status()).toBe(200);
    const allowed = await postFromPage(page, created.captureUrl);
    expect(allowed).toMatchObject({ ok: true, status: 200 });
    expect(allowed.id, "the request id header is exposed to the page").toMatch(/^[0-9a-z]{22}$/);

    const stored = await (await request.get(`/api/bins/${created.id}/requests?limit=10`, { headers: auth })).json();
    const methods = stored.requests.map((r: { method: string }) => r.method);
    expect(methods).toContain("OPTIONS");
    const posted = await (await request.get(`/api/bins/${created.id}/requests/${allowed.id}`, { headers: auth })).json();
    expect(posted.bodyText).toBe('{"from":"browser"}');
    const origin = (posted.headers as [string, string][]).find(([name]) => name.toLowerCase() === "origin");
    expect(origin?.[1]).toBe(pageServer.origin);
  } finally {
    await pageServer.close();
  }
});
