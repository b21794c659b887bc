import { MANAGED_OWNER_TOKEN } from "../../playwright.config";
import { expect, test } from "./fixtures";
import { openSettings } from "./owner-helpers";

test("a bin declared in HOOKSCOPE_CONFIG shows its settings read-only, and says where to change them", async ({ page }) => {
  await page.goto(`/bins/e2e-managed#owner=${encodeURIComponent(MANAGED_OWNER_TOKEN)}`);
  const dialog = await openSettings(page);
  await expect(dialog.getByRole("status").or(dialog.getByText("Managed by configuration")).first()).toBeVisible();
  await expect(dialog.getByText(/declared in the server's configuration file \(HOOKSCOPE_CONFIG\)/)).toBeVisible();
  await expect(dialog.getByLabel("Status", { exact: true })).toHaveValue("202");
  await expect(dialog.getByLabel("Status", { exact: true })).toBeDisabled();
  await expect(dialog.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await dialog.getByRole("tab", { name: "Secrets" }).click();
  await expect(dialog.getByRole("button", { name: "Add secret" })).toBeDisabled();
  await page.screenshot({ path: "test-results/managed-bin/settings-1440.png" });
});
