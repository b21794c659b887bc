// The API docs page: every endpoint with a description and a curl example that really works, the
// wait filters explained, capture under any method, and route names that wrap only between segments.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { BASE_URL, capture, expect, test } from "./fixtures";

const run = promisify(execFile);
const DIR = "test-results/screenshots";

/** Runs a curl example from the page the way a reader pastes it, with the placeholders filled in. */
async function runExample(example: string, values: Record<string, string>): Promise<string> {
  const filled = Object.entries(values).reduce((text, [name, value]) => text.replaceAll(`<${name}>`, value), example);
  const { stdout } = await run("sh", ["-c", `HOOKSCOPE=${BASE_URL}; ${filled.replace(/^curl /, "curl -sS --fail-with-body ")}`]);
  return stdout;
}

const exampleOf = (page: Page, name: string) => page.getByLabel(`curl example for ${name}`, { exact: true });

test("every endpoint has a description and a curl example; capture is listed once, for any method", async ({ page, request }) => {
  await page.goto("/docs");
  const doc = (await (await request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { description?: string } | unknown[]>> };
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => key !== "parameters")
      .map(([method, operation]) => ({ path, method, operation: operation as { description?: string; "x-any-method"?: boolean } })),
  );
  for (const { path, method, operation } of operations) expect(operation.description, `${method} ${path} has a description`).toBeTruthy();
  const anyMethod = operations.filter(({ operation }) => operation["x-any-method"]);
  expect(anyMethod.map(({ method }) => method.toUpperCase())).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

  // One card per operation, capture's seven folded into one.
  const articles = page.getByRole("article");
  await expect(articles).toHaveCount(operations.length - anyMethod.length + 1);
  await expect(page.getByLabel(/^curl example for /)).toHaveCount(operations.length - anyMethod.length + 1);
  const captureCard = page.getByRole("article", { name: "ANY /h/{binId}", exact: true });
  await expect(captureCard).toContainText("Any method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ...) and any subpath");
  await expect(page.getByRole("article", { name: "POST /h/{binId}", exact: true })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Routes" }).getByRole("link", { name: "ANY", exact: true })).toBeVisible();

  // Placeholders, never OpenAPI's braces; owner-only calls ask for the owner token.
  for (const text of await page.getByLabel(/^curl example for /).allTextContents()) {
    expect(text).toMatch(/^curl /);
    expect(text).not.toMatch(/\{\w+\}/);
  }
  await expect(exampleOf(page, "DELETE /api/bins/{binId}")).toContainText('-H "Authorization: Bearer <ownerToken>"');
  await expect(exampleOf(page, "GET /api/bins/{binId}/requests")).toContainText('-H "Authorization: Bearer <token>"');
  // The examples start from this server's address, which the page offers to set.
  await expect(page.getByLabel("origin setup command", { exact: true })).toHaveText(`export HOOKSCOPE=${BASE_URL}`);
});

test("the wait parameters are explained, and the capture and wait examples work as pasted", async ({ page, request }) => {
  await page.goto("/docs");
  const wait = page.getByRole("article", { name: "GET /api/bins/{binId}/requests/wait", exact: true });
  await expect(wait).toContainText("Only requests captured after the call count, unless after names the last request you saw");
  const row = (name: string) => wait.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row("jsonPath")).toContainText("data.object.id or $.data.object.id, items[0].sku");
  await expect(row("jsonPath")).toContainText("No wildcards, filters or ..");
  await expect(row("jsonEquals")).toContainText("compared as JSON");
  await expect(row("timeout")).toContainText("Seconds to wait before answering 408");
  await expect(row("after")).toContainText("requests stored after it count too");

  const created = (await (await request.post("/api/bins")).json()) as { id: string; ownerToken: string };
  const values = { binId: created.id, token: created.ownerToken, ownerToken: created.ownerToken };
  // The wait example blocks until a match arrives after it started; when that is cannot be seen from
  // here, so matching webhooks are sent until it answers.
  let answered = false;
  const waiting = runExample((await exampleOf(page, "GET /api/bins/{binId}/requests/wait").textContent()) ?? "", values).finally(() => {
    answered = true;
  });
  await capture(request, created.id, { headers: { "Content-Type": "application/json" }, body: '{"data":{"object":{"status":"pending"}}}' });
  const matches: string[] = [];
  await expect
    .poll(async () => {
      if (!answered)
        matches.push(
          await capture(request, created.id, { headers: { "Content-Type": "application/json" }, body: '{"data":{"object":{"status":"succeeded"}}}' }),
        );
      return answered;
    })
    .toBe(true);
  const found = JSON.parse(await waiting) as { id: string; bodyText: string };
  expect(matches).toContain(found.id);
  expect(found.bodyText).toContain('"succeeded"');

  const captured = JSON.parse(await runExample((await exampleOf(page, "ANY /h/{binId}").textContent()) ?? "", values)) as { ok: boolean; id: string };
  expect(captured.ok).toBe(true);
  const detail = await request.get(`/api/bins/${created.id}/requests/${captured.id}`, { headers: { Authorization: `Bearer ${created.ownerToken}` } });
  expect(((await detail.json()) as { bodyText: string }).bodyText).toBe('{"event":"ping"}');
});

test("route names in the sidebar wrap only after a slash", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/docs");
  const nav = page.getByRole("navigation", { name: "Routes" });
  await expect(nav.getByRole("link", { name: "/api/bins/{binId}/requests/{requestId}/verification" })).toBeVisible();
  // For every character, the line it sits on: a new line may only start after a "/".
  const breaks = await nav.locator("a[href^='#path-']").evaluateAll((links) =>
    links.flatMap((link) => {
      const text = link.textContent ?? "";
      const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
      const tops: number[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < (node.textContent ?? "").length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          tops.push(Math.round(range.getBoundingClientRect().top));
        }
      }
      return tops.flatMap((top, i) => (i > 0 && top > tops[i - 1]! ? [{ text, before: text[i - 1], at: i }] : []));
    }),
  );
  expect(breaks.length, "some long routes wrap at 1440 px").toBeGreaterThan(0);
  expect(breaks.filter((wrap) => wrap.before !== "/")).toEqual([]);
});

for (const [name, options] of [
  ["light", { viewport: { width: 1440, height: 900 }, colorScheme: "light" }],
  ["dark", { viewport: { width: 1440, height: 900 }, colorScheme: "dark" }],
  ["mobile", { viewport: { width: 375, height: 812 }, colorScheme: "light" }],
] as const) {
  test.describe(`screenshot ${name}`, () => {
    test.use(options);
    test(`docs page (${name})`, async ({ page }) => {
      await page.goto("/docs");
      await expect(page.getByLabel("origin setup command", { exact: true })).toHaveText(`export HOOKSCOPE=${BASE_URL}`);
      await page.screenshot({ path: `${DIR}/docs-${name}.png` });
      // The card's own anchor, as the sidebar links to it (below the sticky header).
      await page.goto("/docs#get-api-bins-binid-requests-wait");
      await expect(
        page.getByRole("article", { name: "GET /api/bins/{binId}/requests/wait", exact: true }).getByText("Wait for a matching request"),
      ).toBeInViewport();
      await page.screenshot({ path: `${DIR}/docs-wait-${name}.png` });
      if (name !== "mobile") return;
      // No room for the sidebar: the routes fold into a list above the first route.
      await expect(page.getByRole("navigation", { name: "Routes" })).toBeHidden();
      const toggle = page.getByText(/^Routes \(\d+\)$/);
      await toggle.scrollIntoViewIfNeeded();
      await toggle.click();
      const routes = page.getByRole("navigation", { name: "Routes" });
      await expect(routes).toBeVisible();
      await page.screenshot({ path: `${DIR}/docs-routes-${name}.png` });
      await routes.getByRole("link", { name: "/api/bins/{binId}/requests/wait" }).click();
      await expect(page.getByRole("heading", { name: "/api/bins/{binId}/requests/wait", exact: true })).toBeInViewport();
    });
  });
}

test("the capture-to-CI workflow is described in one section", async ({ page }) => {
  await page.goto("/docs#capture-to-ci");
  const section = page.getByRole("region", { name: "From capture to CI: rehearse your handler" });
  await expect(section.getByRole("heading", { level: 3 })).toHaveText([
    "1. Capture",
    "2. Replay, re-signed",
    "3. Export fixtures",
    "4. Run them in CI",
    "5. Rehearse retries (chaos)",
    "Signed test events",
  ]);
  await expect(section).toContainText("hookscope replay webhooks.fixtures.json");
  await expect(section).toContainText("export?format=fixtures");
});
