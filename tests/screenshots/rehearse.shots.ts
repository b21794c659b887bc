// Not assertions about pixels: the re-sign choice in the Replay tab, its result line, and the docs
// page's capture-to-CI section, for a human to look at.
import { startTarget } from "../helpers/target";
import { expect, test } from "../e2e/fixtures";
import { openStripeReplay } from "../e2e/owner-helpers";

const DIR = "test-results/screenshots";

for (const scheme of ["light", "dark"] as const) {
  test(`re-signed replay (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 900 });
    const target = await startTarget();
    try {
      const detail = await openStripeReplay(page, request, `${target.url}/stripe`, [
        { scheme: "stripe", secret: "whsec_screenshot_secret_0123456789" },
        { scheme: "discord", secret: "a".repeat(64) },
      ]);
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
