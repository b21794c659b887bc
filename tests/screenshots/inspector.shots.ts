// Not assertions about pixels: screenshots of every view, light, dark and phone-sized, for a person
// to look at after UI changes (test-results/screenshots/).
import type { Page, TestInfo } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { captureBytes, createBinInUi, expect, makePng, requestRows, test } from "../e2e/fixtures";

const DIR = "test-results/screenshots";

async function seed(page: Page) {
  const { binId } = await createBinInUi(page);
  const boundary = "----shot";
  const send = (path: string, contentType: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    captureBytes(binId, { path, headers: { "Content-Type": contentType, ...headers }, body });
  await send("/bad-json", "application/json", '{\n  "id": 7,\n  "status": "paid",,\n  "total": 10\n}');
  await send(
    "/xml",
    "application/xml",
    '<?xml version="1.0"?><invoice id="42"><line sku="TEA-1" qty="2">Green tea &amp; honey</line><line sku="CAKE"/><!-- paid --></invoice>',
  );
  await send("/form", "application/x-www-form-urlencoded", "name=Ada+Lovelace&tag=math&tag=poetry&email=ada%40example.com&flag&bad=100%");
  await send(
    "/multipart",
    `multipart/form-data; boundary=${boundary}`,
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nLooks good to me.\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="avatar.png"\r\nContent-Type: image/png\r\n\r\n`),
      makePng(64, 64),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  );
  await send("/png", "image/png", makePng(160, 96));
  await send("/svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
  await send("/binary", "application/octet-stream", Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256)));
  await send("/gzip", "application/json", gzipSync('{"decoded":true,"items":[1,2,3]}'), { "Content-Encoding": "gzip" });
  await send(
    "/stripe/webhook",
    "application/json",
    '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"payment_intent.succeeded","amount":12345678901234567890,"livemode":false,"data":{"object":{"id":"pi_3Mtw","currency":"eur","metadata":{"order":1842}}},"tags":["a","b"],"dup":1,"dup":2}',
    { "Stripe-Signature": "t=1700000000,v1=5257a869e7ecebeda32a" },
  );
  await expect(requestRows(page)).toHaveCount(9);
  return binId;
}

async function bodyShot(page: Page, path: string, name: string, prefix: string, view?: string) {
  await requestRows(page)
    .filter({ has: page.locator(`span[title="${path}"]`) })
    .click();
  const detail = page.getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: /Body/ }).click();
  if (view) await detail.getByRole("button", { name: view, exact: true }).click();
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${DIR}/${prefix}${name}.png` });
}

async function shootAll(page: Page, prefix: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await seed(page);
  await bodyShot(page, "/stripe/webhook", "json-tree", prefix);
  await page.getByRole("button", { name: "Expand all" }).click();
  await page.screenshot({ path: `${DIR}/${prefix}json-tree-expanded.png` });
  await bodyShot(page, "/stripe/webhook", "json-pretty", prefix, "Pretty");
  await bodyShot(page, "/bad-json", "json-invalid", prefix);
  await bodyShot(page, "/xml", "xml", prefix);
  await bodyShot(page, "/form", "form", prefix);
  await bodyShot(page, "/multipart", "multipart", prefix);
  await bodyShot(page, "/png", "image", prefix);
  await bodyShot(page, "/svg", "svg-as-text", prefix);
  await bodyShot(page, "/binary", "hex", prefix);
  await bodyShot(page, "/gzip", "gzip-decoded", prefix);
  const detail = page.getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: "Copy as" }).click();
  await page.screenshot({ path: `${DIR}/${prefix}copy-as.png` });

  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.getByRole("searchbox", { name: "Search body text" }).fill("payment_intent.succeeded");
  await expect(requestRows(page)).toHaveCount(1);
  await page.screenshot({ path: `${DIR}/${prefix}search.png` });
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(requestRows(page)).toHaveCount(9);

  await requestRows(page).filter({ hasText: "/stripe/webhook" }).getByRole("checkbox").check();
  await requestRows(page).filter({ hasText: "/gzip" }).getByRole("checkbox").check();
  await page.getByRole("toolbar", { name: "Marked requests" }).getByRole("button", { name: "Compare" }).click();
  await page.screenshot({ path: `${DIR}/${prefix}compare.png` });
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  await page.screenshot({ path: `${DIR}/${prefix}keys-help.png` });
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Export bin" }).click();
  await page.screenshot({ path: `${DIR}/${prefix}export-menu.png` });
  await page.keyboard.press("Escape");
  await page.goto("/");
  await page.screenshot({ path: `${DIR}/${prefix}home.png`, fullPage: true });
}

test("light", async ({ page }) => {
  await shootAll(page, "light-");
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });
  test("dark", async ({ page }) => {
    await shootAll(page, "dark-");
  });
});

test("phone, 375 px", async ({ page }, info: TestInfo) => {
  info.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await seed(page);
  await page.screenshot({ path: `${DIR}/375-inspector.png`, fullPage: true });
  for (const [path, name, view] of [
    ["/stripe/webhook", "json-tree", undefined],
    ["/multipart", "multipart", undefined],
    ["/form", "form", undefined],
    ["/binary", "hex", undefined],
  ] as const) {
    await bodyShot(page, path, name, "375-", view);
    await page.getByRole("region", { name: "Request detail" }).screenshot({ path: `${DIR}/375-${name}-detail.png` });
    // On a phone the detail is a sheet over the list (issue 11): back to the list for the next row.
    await page.getByRole("button", { name: "Back to requests" }).click();
  }
});
