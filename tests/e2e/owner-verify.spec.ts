import { createHmac } from "node:crypto";
import { capture, captureRaw, createBinInUi, expect, requestRows, test } from "./fixtures";
import { detailPane, openSettings } from "./owner-helpers";

const SECRET = "It's a Secret to Everybody";
const PAYLOAD = '{"action":"opened","number":1}';

test.describe("signature verification", () => {
  test("a secret added in Settings verifies a signed request in the Verify tab", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const signature = `sha256=${createHmac("sha256", SECRET).update(PAYLOAD).digest("hex")}`;
    await capture(request, binId, {
      headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature, "X-GitHub-Event": "pull_request" },
      body: PAYLOAD,
    });
    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Verify" }).click();
    await expect(detail.getByRole("status").filter({ hasText: "Signed, but not checked" })).toBeVisible();

    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Secrets" }).click();
    await dialog.getByLabel("Provider").selectOption("github");
    await dialog.locator("input[type=password]").fill(SECRET);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByText("GitHub secret added.")).toBeVisible();
    const listed = dialog.getByRole("list", { name: "Signing secrets" });
    await expect(listed).toContainText("GitHub");
    await expect(listed).toContainText("••••••");
    await expect(listed).not.toContainText(SECRET);
    await dialog.getByRole("button", { name: "Close" }).click();

    await detail.getByRole("button", { name: "Check again" }).click();
    await expect(detail.getByRole("status").filter({ hasText: "Signature valid" })).toBeVisible();
  });

  test("a wrong signature is invalid, with the reason in words", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Secrets" }).click();
    await dialog.getByLabel("Provider").selectOption("github");
    await dialog.locator("input[type=password]").fill(SECRET);
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByText("GitHub secret added.")).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();

    await capture(request, binId, { headers: { "Content-Type": "application/json", "X-Hub-Signature-256": `sha256=${"0".repeat(64)}` }, body: PAYLOAD });
    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Verify" }).click();
    const verdict = detail.getByRole("status").filter({ hasText: "Signature does not match" });
    await expect(verdict).toBeVisible();
    await expect(verdict).toContainText("GitHub");
  });

  test("a generic HMAC secret takes its options", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Secrets" }).click();
    await dialog.getByLabel("Provider").selectOption("generic-hmac");
    await dialog.locator("input[type=password]").fill("shh");
    await dialog.getByLabel("Algorithm").selectOption("sha512");
    await dialog.getByLabel("Signature encoding").selectOption("base64");
    await dialog.getByLabel("Signature header").fill("X-Sig");
    await dialog.getByLabel("Signed template").fill("{timestamp}.{body}");
    await dialog.getByLabel("Timestamp header").fill("X-Ts");
    await dialog.getByRole("button", { name: "Add secret" }).click();
    await expect(dialog.getByRole("list", { name: "Signing secrets" })).toContainText("HMAC-SHA512, in X-Sig, base64, over {timestamp}.{body}");
    await dialog.getByRole("button", { name: "Close" }).click();

    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac("sha512", "shh").update(`${ts}.${PAYLOAD}`).digest("base64");
    await captureRaw(binId, { headers: { "Content-Type": "application/json", "X-Sig": sig, "X-Ts": ts }, body: PAYLOAD });
    await requestRows(page).first().click();
    await detailPane(page).getByRole("tab", { name: "Verify" }).click();
    await expect(detailPane(page).getByRole("status").filter({ hasText: "Signature valid" })).toBeVisible();
  });

  test("delivery auth by query token refuses senders without it", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Delivery auth" }).click();
    await dialog.getByLabel("Senders must send").selectOption("query");
    await dialog.getByLabel("Token").fill("let-me-in-please");
    await dialog.getByRole("button", { name: "Save delivery auth" }).click();
    await expect(dialog.getByText("Saved. Requests without the credential are now refused with 401.")).toBeVisible();
    await expect(dialog.getByText(/Stored: ••••••/)).toBeVisible();

    expect((await request.post(`/h/${binId}`, { data: "{}" })).status()).toBe(401);
    expect((await request.post(`/h/${binId}?auth=let-me-in-please`, { data: "{}" })).status()).toBe(200);
  });
});
