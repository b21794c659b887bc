// Not assertions about pixels: the inspector with realistic traffic at 1440x900 (light and dark) and
// 375x812, for a person to look at after layout changes (test-results/inspector-layout/).
import type { Page, TestInfo } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { captureBytes, createBinInUi, expect, requestRows, test } from "../e2e/fixtures";

const DIR = "test-results/inspector-layout";

const GITHUB_PUSH = JSON.stringify({
  ref: "refs/heads/main",
  before: "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
  after: "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5",
  repository: { id: 35129377, full_name: "octo-org/hello-world", private: false, html_url: "https://github.com/octo-org/hello-world" },
  pusher: { name: "monalisa", email: "monalisa@users.noreply.github.com" },
  commits: [
    {
      id: "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5",
      message: "Fix the flaky webhook test that waited a fixed 500 ms for the delivery",
      timestamp: "2025-11-22T14:03:07Z",
    },
  ],
});

/** About what a bin collects in an afternoon: GitHub, Stripe, Slack, Twilio, multipart, XML, gzip. */
async function busyBin(page: Page): Promise<string> {
  const { binId } = await createBinInUi(page);
  const send = (path: string, headers: Record<string, string>, body: string | Buffer) => captureBytes(binId, { path, headers, body });
  for (let i = 0; i < 8; i++) {
    await send(
      "/stripe/webhook",
      {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Stripe-Signature": `t=17000000${i}0,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd`,
      },
      `{"id":"evt_${i}NG8Du2eZvKYlo2C","type":"payment_intent.succeeded","data":{"object":{"amount":${1999 + i},"currency":"eur"}}}`,
    );
    await send(
      "/slack/commands",
      {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": "1700000000",
        "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      },
      `token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&command=%2Fdeploy&text=production+${i}`,
    );
    await send(
      "/twilio/sms",
      { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "0/KCTR6DLpKmkAf8muzZqo1nDgQ=" },
      `MessageSid=SM${i}f3a&From=%2B14155550100&Body=Order+${i}+shipped`,
    );
    await send("/orders.xml", { "Content-Type": "application/xml" }, `<?xml version="1.0"?><order id="${i}"><line sku="TEA-1" qty="2"/></order>`);
  }
  await send(
    "/upload",
    { "Content-Type": "multipart/form-data; boundary=b0" },
    '--b0\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b0--\r\n',
  );
  await send("/events.gz", { "Content-Type": "application/json", "Content-Encoding": "gzip" }, gzipSync('{"events":[1,2,3]}'));
  await send(
    "/github/webhooks",
    {
      "Content-Type": "application/json",
      "User-Agent": "GitHub-Hookshot/a1b2c3d",
      "X-GitHub-Event": "push",
      "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "X-GitHub-Hook-Installation-Target-Type": "repository",
      "X-Hub-Signature-256": "sha256=d57c68ca6f92289e6987922ff26938930f6e66a2d161ef06abdf1859230aa23c",
    },
    GITHUB_PUSH,
  );
  await expect(requestRows(page).first()).toContainText("/github/webhooks");
  return binId;
}

async function wideShots(page: Page, prefix: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await createBinInUi(page);
  await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/${prefix}-empty-bin.png` });

  await busyBin(page);
  await requestRows(page).first().click();
  const detail = page.getByRole("region", { name: "Request detail" });
  await expect(detail).toContainText("/github/webhooks");
  await page.screenshot({ path: `${DIR}/${prefix}-busy-bin.png` });
  await detail.getByRole("tab", { name: /Body/ }).click();
  await expect(detail.getByRole("list", { name: "JSON tree" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/${prefix}-json-body.png` });
  await detail.getByRole("tab", { name: /Headers/ }).click();
  await page.screenshot({ path: `${DIR}/${prefix}-headers.png` });
  await page.getByRole("button", { name: "Show bin details" }).click();
  await page.screenshot({ path: `${DIR}/${prefix}-busy-bin-card-open.png` });
  await page.getByRole("button", { name: "Hide bin details" }).click();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "My bins" }).getByRole("listitem")).toHaveCount(2);
  await page.screenshot({ path: `${DIR}/${prefix}-home.png`, fullPage: true });
  await page.goto("/bins/someoneelsesbin0/01m8pr7drc00002e1yrmnd");
  await expect(page.getByRole("heading", { name: "This bin is private" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/${prefix}-private-bin.png` });
}

test("1440x900 light", async ({ page }, info: TestInfo) => {
  info.setTimeout(60_000);
  await wideShots(page, "light");
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });
  test("1440x900 dark", async ({ page }, info: TestInfo) => {
    info.setTimeout(60_000);
    await wideShots(page, "dark");
  });
});

test("375x812", async ({ page }, info: TestInfo) => {
  info.setTimeout(60_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await createBinInUi(page);
  await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/375-empty-bin.png`, fullPage: true });

  await busyBin(page);
  await page.screenshot({ path: `${DIR}/375-busy-bin.png` });
  await page.getByRole("button", { name: "Bin actions" }).click();
  await page.screenshot({ path: `${DIR}/375-bin-actions.png` });
  await page.keyboard.press("Escape");

  await requestRows(page).first().click();
  const detail = page.getByRole("dialog", { name: "Request" }).getByRole("region", { name: "Request detail" });
  await expect(detail).toContainText("/github/webhooks");
  await page.screenshot({ path: `${DIR}/375-sheet-overview.png` });
  await detail.getByRole("tab", { name: /Body/ }).click();
  await expect(detail.getByRole("list", { name: "JSON tree" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/375-json-body.png` });
  await detail.getByRole("tab", { name: /Headers/ }).click();
  await page.screenshot({ path: `${DIR}/375-headers.png` });
  await page.goBack();
  await expect(page.getByRole("dialog", { name: "Request" })).toBeHidden();
  await page.goto("/");
  await page.screenshot({ path: `${DIR}/375-home.png`, fullPage: true });
});
