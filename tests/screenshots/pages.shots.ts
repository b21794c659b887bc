// Not assertions about pixels: screenshots for a human to look at after UI changes.
import type { Page } from "@playwright/test";
import { capture, captureRaw, createBinInUi, expect, liveIndicator, requestRows, test } from "../e2e/fixtures";

const DIR = "test-results/screenshots";

async function seed(page: Page, request: Parameters<typeof capture>[0]) {
  const { binId } = await createBinInUi(page);
  await expect(liveIndicator(page)).toHaveText("Live");
  await page.screenshot({ path: `${DIR}/${await prefix(page)}inspector-empty.png` });
  await capture(request, binId, { method: "GET", path: "/health", headers: { "User-Agent": "uptime-bot/2.1" } });
  await capture(request, binId, {
    method: "PUT",
    path: "/orders/1842",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    body: "status=shipped",
  });
  await captureRaw(binId, {
    path: "/stripe/webhook?attempt=1&attempt=2",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      "Stripe-Signature": "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
      "X-Dup": ["one", "two"],
    },
    // Written by hand: the amount is beyond double precision and must be shown exactly as sent.
    body: '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"payment_intent.succeeded","amount":12345678901234567890,"livemode":false,"data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","currency":"eur","metadata":{"order":1842}}},"tags":["a","b"],"empty":{}}',
  });
  await expect(requestRows(page)).toHaveCount(3);
  await requestRows(page).first().click();
  return binId;
}

async function prefix(page: Page) {
  return (await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)) ? "dark-" : "";
}

async function shoot(page: Page, request: Parameters<typeof capture>[0]) {
  await page.setViewportSize({ width: 1440, height: 900 });
  const p = await prefix(page);
  await seed(page, request);
  const detail = page.getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: /Body/ }).click();
  await page.screenshot({ path: `${DIR}/${p}inspector-json.png` });
  await detail.getByRole("tab", { name: /Headers/ }).click();
  await page.screenshot({ path: `${DIR}/${p}inspector-headers.png` });
  await detail.getByRole("tab", { name: "Overview" }).click();
  await page.screenshot({ path: `${DIR}/${p}inspector-overview.png` });
  await page.goto("/");
  await expect(page.getByRole("region", { name: "My bins" }).getByRole("listitem").first()).toContainText("3 requests");
  await page.screenshot({ path: `${DIR}/${p}home.png`, fullPage: true });
}

test("light", async ({ page, request }) => {
  await shoot(page, request);
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });
  test("dark", async ({ page, request }) => {
    await shoot(page, request);
  });
});

test("narrow viewport and binary body", async ({ page, request }) => {
  await page.setViewportSize({ width: 420, height: 900 });
  const { binId } = await createBinInUi(page);
  await capture(request, binId, {
    path: "/bin",
    headers: { "Content-Type": "application/octet-stream" },
    body: Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256)),
  });
  await requestRows(page).first().click();
  await page.getByRole("region", { name: "Request detail" }).getByRole("tab", { name: /Body/ }).click();
  await page.screenshot({ path: `${DIR}/mobile-hex.png`, fullPage: true });
});

test("not found and an HTML body", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/bins/doesnotexist00000000#share=nope");
  await expect(page.getByRole("heading", { name: "Bin not found or link invalid" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/not-found.png` });

  const { binId } = await createBinInUi(page);
  await capture(request, binId, {
    path: "/form",
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: '<!doctype html>\n<html>\n  <body>\n    <script>window.__pwned=1</script>\n    <img src=x onerror="window.__pwned=2">\n    <svg onload="alert(1)"></svg>\n  </body>\n</html>\n',
  });
  await requestRows(page).first().click();
  await page.getByRole("region", { name: "Request detail" }).getByRole("tab", { name: /Body/ }).click();
  await page.screenshot({ path: `${DIR}/html-body.png` });
  await page.getByRole("region", { name: "Request detail" }).getByRole("tab", { name: "Raw" }).click();
  await page.screenshot({ path: `${DIR}/html-raw.png` });
});
