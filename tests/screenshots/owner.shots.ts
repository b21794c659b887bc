// Not assertions about pixels: screenshots of the owner's tools for a human to look at.
import type { APIRequestContext, Page } from "@playwright/test";
import { startTarget } from "../helpers/target";
import { captureRaw, createBinInUi, expect, requestRows, test } from "../e2e/fixtures";
import { detailPane, openSettings, ownerToken } from "../e2e/owner-helpers";

const DIR = "test-results/screenshots";

async function shoot(page: Page, request: APIRequestContext, scheme: "light" | "dark") {
  await page.setViewportSize({ width: 1440, height: 900 });
  const target = await startTarget((_req, res) => {
    res
      .writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "req_8f3a2c", "Cache-Control": "no-store" })
      .end('{\n  "received": true,\n  "handled_by": "orders-service"\n}');
  });
  try {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const auth = { Authorization: `Bearer ${token}` };
    await captureRaw(binId, {
      path: "/stripe/webhook",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Stripe-Signature": "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
      },
      body: '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"payment_intent.succeeded","data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa"}}}',
    });
    await expect(requestRows(page)).toHaveCount(1);
    // Set after the capture: the rules would answer it with something other than the 200 captureRaw expects.
    await request.patch(`/api/bins/${binId}`, {
      headers: auth,
      data: {
        settings: {
          response: {
            status: 202,
            contentType: "application/json; charset=utf-8",
            headers: [
              ["X-Env", "staging"],
              ["Retry-After", "5"],
            ],
            body: '{"accepted":true}',
            delayMs: 250,
          },
          rules: [
            { when: { kind: "nth", n: 2 }, action: { kind: "status", status: 503, body: "down for maintenance" } },
            { name: "flaky upstream", when: { kind: "percent", percent: 10 }, action: { kind: "rate_limit", retryAfterSeconds: 30 } },
          ],
        },
      },
    });
    await request.post(`/api/bins/${binId}/secrets`, { headers: auth, data: { scheme: "stripe", secret: "whsec_4eC39HqLyjWDarjtT1zdp7dc8f3a" } });
    await requestRows(page).first().click();

    let dialog = await openSettings(page);
    await page.screenshot({ path: `${DIR}/owner-settings-${scheme}.png` });
    await dialog.getByRole("tab", { name: "Failure rules" }).click();
    await page.screenshot({ path: `${DIR}/owner-rules-${scheme}.png` });
    await dialog.getByRole("tab", { name: "Secrets" }).click();
    await expect(dialog.getByRole("list", { name: "Signing secrets" })).toBeVisible();
    await page.screenshot({ path: `${DIR}/owner-secrets-${scheme}.png` });
    await dialog.getByRole("tab", { name: "Delivery auth" }).click();
    await dialog.getByLabel("Senders must send").selectOption("header");
    await page.screenshot({ path: `${DIR}/owner-auth-${scheme}.png` });
    await dialog.getByRole("button", { name: "Close" }).click();

    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Replay" }).click();
    await detail.getByLabel("Target URL").fill(`${target.url}/api/webhooks/stripe`);
    await detail.getByRole("button", { name: "Send" }).click();
    await expect(detail.getByRole("region", { name: "Replay result" })).toContainText("200");
    await page.screenshot({ path: `${DIR}/owner-replay-${scheme}.png` });
    await detail.getByLabel("Target URL").fill("http://10.1.2.3/hook");
    await detail.getByRole("button", { name: "Send" }).click();
    await expect(detail.getByRole("alert")).toBeVisible();
    await page.screenshot({ path: `${DIR}/owner-replay-refused-${scheme}.png` });

    await detail.getByRole("tab", { name: "Deliveries" }).click();
    await expect(detail.getByRole("list", { name: "Deliveries" }).getByRole("listitem")).toHaveCount(2);
    await page.screenshot({ path: `${DIR}/owner-deliveries-${scheme}.png` });

    await detail.getByRole("tab", { name: "Verify" }).click();
    await expect(detail.getByRole("button", { name: "Check again" })).toBeVisible();
    await page.screenshot({ path: `${DIR}/owner-verify-${scheme}.png` });

    await page.getByRole("button", { name: "Dead letters" }).click();
    dialog = page.getByRole("dialog", { name: "Dead letters" });
    await expect(dialog.getByRole("list", { name: "Dead letters" })).toBeVisible();
    await page.screenshot({ path: `${DIR}/owner-dead-letters-${scheme}.png` });
    await dialog.getByRole("button", { name: "Close" }).click();

    await page.goto("/docs");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `${DIR}/owner-docs-${scheme}.png` });
    await page.goto("/docs#patch-api-bins-binid");
    await expect(page.getByRole("article", { name: "PATCH /api/bins/{binId}", exact: true })).toBeInViewport();
    await page.screenshot({ path: `${DIR}/owner-docs-patch-${scheme}.png` });
  } finally {
    await target.close();
  }
}

test("owner tools, light", async ({ page, request }) => {
  await shoot(page, request, "light");
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });
  test("owner tools, dark", async ({ page, request }) => {
    await shoot(page, request, "dark");
  });
});
