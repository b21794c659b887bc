// Not assertions about pixels: the re-sign choice in the Replay tab, its result line, and the docs
// page's capture-to-CI section, for a human to look at.
import { startTarget } from "../helpers/target";
import { capture, createBinInUi, expect, requestRows, test } from "../e2e/fixtures";
import { detailPane, ownerToken } from "../e2e/owner-helpers";

const DIR = "test-results/screenshots";

for (const scheme of ["light", "dark"] as const) {
  test(`re-signed replay (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 900 });
    const target = await startTarget();
    try {
      const { binId } = await createBinInUi(page);
      const token = await ownerToken(page, binId);
      await request.post(`/api/bins/${binId}/secrets`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { scheme: "stripe", secret: "whsec_screenshot_secret_0123456789" },
      });
      await request.post(`/api/bins/${binId}/secrets`, { headers: { Authorization: `Bearer ${token}` }, data: { scheme: "discord", secret: "a".repeat(64) } });
      await capture(request, binId, {
        path: "/stripe",
        headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1500000000,v1=00" },
        body: '{"id":"evt_1"}',
      });
      await requestRows(page).first().click();
      const detail = detailPane(page);
      await detail.getByRole("tab", { name: "Replay" }).click();
      await detail.getByLabel("Target URL").fill(`${target.url}/stripe`);
      await detail.getByLabel("Signature").selectOption({ index: 2 });
      await page.screenshot({ path: `${DIR}/replay-resign-private-key-${scheme}.png` });
      await detail.getByLabel("Signature").selectOption({ index: 1 });
      await detail.getByRole("button", { name: "Send" }).click();
      await expect(detail.getByLabel("Re-signed")).toBeVisible();
      await page.screenshot({ path: `${DIR}/replay-resigned-${scheme}.png` });
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Test event" }).click();
      await page.getByRole("form", { name: "Signed test event" }).getByRole("button", { name: "Send signed event" }).click();
      await expect(page.getByRole("region", { name: "Test event result" })).toBeVisible();
      await page.screenshot({ path: `${DIR}/test-event-${scheme}.png` });
      await page.goto("/docs#capture-to-ci");
      await page.locator("#capture-to-ci").screenshot({ path: `${DIR}/docs-capture-to-ci-${scheme}.png` });
    } finally {
      await target.close();
    }
  });
}
