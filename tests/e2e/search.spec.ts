// Search and filters run on the server, so they reach requests the list has not loaded.
import { capture, captureBytes, createBinInUi, expect, requestRows, test } from "./fixtures";
import type { Page } from "@playwright/test";

const countLabel = (page: Page) => page.getByRole("region", { name: "Requests" }).getByLabel(/^\d+( or more)? requests$/);
const search = (page: Page) => page.getByRole("searchbox", { name: "Search body text" });

test.describe("search", () => {
  test("a body search finds a request that is not on the first page, and live arrivals must match", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await capture(request, binId, { path: "/n/0", body: '{"note":"needle-oldest-7f3a"}', headers: { "Content-Type": "application/json" } });
    for (let i = 1; i < 65; i++) await capture(request, binId, { path: `/n/${i}`, body: `{"n":${i}}` });
    await page.reload();
    // The header counts what the bin stores (issue 11), not the 50 rows loaded.
    await expect(countLabel(page)).toHaveText("65");
    await expect(requestRows(page).filter({ has: page.locator('span[title="/n/0"]') })).toHaveCount(0);

    await search(page).fill("needle-oldest-7f3a");
    await expect(countLabel(page)).toHaveText("1");
    await expect(requestRows(page)).toHaveCount(1);
    await expect(requestRows(page).first()).toContainText("/n/0");
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/n/0");

    // A live request that does not match stays out; one that matches comes in.
    await capture(request, binId, { path: "/live/miss", body: "nothing to see" });
    await capture(request, binId, { path: "/live/hit", body: "another needle-oldest-7f3a here" });
    await expect(requestRows(page)).toHaveCount(2);
    await expect(requestRows(page).first()).toContainText("/live/hit");
    // Live events come in capture order on one socket: with /live/hit shown, /live/miss was already judged.
    await expect(requestRows(page).filter({ hasText: "/live/miss" })).toHaveCount(0);

    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await expect(countLabel(page)).toHaveText("67");
    await expect(requestRows(page).first()).toContainText("/live/hit");
  });

  test("filters narrow by method, path prefix, header value and time range", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, { method: "GET", path: "/health", body: "" });
    await captureBytes(binId, { path: "/orders/1", headers: { "X-Sig": "abc" }, body: "one" });
    await captureBytes(binId, { path: "/orders/2", headers: { "X-Sig": "def" }, body: "two" });
    await captureBytes(binId, { method: "PUT", path: "/orders/3", headers: { "X-Sig": "abc" }, body: "three" });
    await expect(requestRows(page)).toHaveCount(4);

    await page.getByRole("button", { name: /^Filters/ }).click();
    const filters = page.getByRole("search", { name: "Search requests" });
    await filters.getByLabel("Method").selectOption("POST");
    await expect(requestRows(page)).toHaveCount(2);
    await filters.getByLabel("Path").fill("orders*");
    await filters.getByLabel("Header name").fill("X-Sig");
    await filters.getByLabel("Header value").fill("abc");
    await expect(requestRows(page)).toHaveCount(1);
    await expect(requestRows(page).first()).toContainText("/orders/1");
    await filters.getByLabel("Method").selectOption("");
    await expect(requestRows(page)).toHaveCount(2);
    await expect(page.getByRole("button", { name: /^Filters/ })).toContainText("2");

    await filters.getByLabel("From").fill("2099-01-01T00:00:00");
    await expect(page.getByText("No stored request matches these filters.")).toBeVisible();
    // A live request outside the time range is not added either.
    await captureBytes(binId, { path: "/orders/9", headers: { "X-Sig": "abc" }, body: "late" });
    await page.waitForTimeout(500);
    await expect(requestRows(page)).toHaveCount(0);
  });

  test("the request-rate timeline shows the bin's traffic and a bar filters its time range", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    for (let i = 0; i < 6; i++) await capture(request, binId, { path: `/burst/${i}` });
    const chart = page.getByRole("img", { name: /^Request rate: 6 requests/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator("g")).toHaveCount(60);
    // Clicking a bar that holds part of the burst narrows the list to its time range.
    const busy = chart
      .locator("g")
      .filter({ hasText: /: [1-9]\d* requests?$/ })
      .first();
    const inBar = Number(/: (\d+) request/.exec((await busy.textContent()) ?? "")?.[1]);
    await busy.click({ force: true });
    await expect(page.getByRole("button", { name: /^Filters/ })).toContainText("2");
    // The range inputs hold whole seconds, so neighbours within the same second may join the bar's requests.
    await expect.poll(() => requestRows(page).count()).toBeGreaterThanOrEqual(inBar);
    expect(await requestRows(page).count()).toBeLessThanOrEqual(6);
  });
});
