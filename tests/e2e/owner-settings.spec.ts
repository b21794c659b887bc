import { createBinInUi, expect, test } from "./fixtures";
import { openSettings, ownerToken, saveSettings, send } from "./owner-helpers";

test.describe("bin settings", () => {
  test("a custom response set in the UI is what the next capture gets", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const dialog = await openSettings(page);

    await dialog.getByLabel("Status", { exact: true }).fill("202");
    await dialog.getByLabel("Content type").fill("text/plain; charset=utf-8");
    await dialog.getByRole("button", { name: "Add header" }).click();
    await dialog.getByLabel("Header 1 name").fill("X-Rehearsal");
    await dialog.getByLabel("Header 1 value").fill("yes");
    await dialog.getByLabel("Send a custom body").check();
    await dialog.getByLabel("Response body").fill("accepted, thanks");
    await saveSettings(dialog);

    const response = await request.post(`/h/${binId}/hook`, { data: "{}" });
    expect(response.status()).toBe(202);
    expect(response.headers()["x-rehearsal"]).toBe("yes");
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("accepted, thanks");

    // Reopening shows what the server now has.
    await dialog.getByRole("button", { name: "Close" }).click();
    const again = await openSettings(page);
    await expect(again.getByLabel("Status", { exact: true })).toHaveValue("202");
    await expect(again.getByLabel("Response body")).toHaveValue("accepted, thanks");
  });

  test('a rule "503 on the 2nd request" answers the 2nd capture after saving, and only that one', async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    expect((await send(request, binId)).status).toBe(200);

    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Failure rules" }).click();
    await dialog.getByRole("button", { name: "Add rule" }).click();
    const rule = dialog.getByRole("group", { name: "Rule 1" });
    await rule.getByLabel("When").selectOption("nth");
    await rule.getByLabel("n", { exact: true }).fill("2");
    await rule.getByLabel("Then").selectOption("status");
    await rule.getByLabel("Status", { exact: true }).fill("503");
    await rule.getByLabel("With a body").check();
    await rule.getByLabel("Rule body").fill("down for maintenance");
    await expect(rule).toContainText("The 2nd request after saving: answer 503");
    await saveSettings(dialog);

    const first = await send(request, binId);
    expect(first.status).toBe(200);
    expect(first.body).toContain('"ok":true');
    expect(await send(request, binId)).toEqual({ status: 503, body: "down for maintenance" });
    expect((await send(request, binId)).status).toBe(200);
  });

  test("rules can be reordered and removed", async ({ page }) => {
    await createBinInUi(page);
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Failure rules" }).click();
    await dialog.getByRole("button", { name: "Add rule" }).click();
    await dialog.getByRole("button", { name: "Add rule" }).click();
    await dialog.getByRole("group", { name: "Rule 2" }).getByLabel("Then").selectOption("gone");
    await dialog.getByRole("button", { name: "Move rule 2 up" }).click();
    await expect(dialog.getByRole("group", { name: "Rule 1" })).toContainText("410 Gone");
    await dialog.getByRole("button", { name: "Remove rule 2" }).click();
    await expect(dialog.getByRole("group", { name: /^Rule \d$/ })).toHaveCount(1);
    await saveSettings(dialog);
  });

  test("obvious mistakes are flagged before saving, and the server's refusal is shown with the input kept", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const dialog = await openSettings(page);

    await dialog.getByLabel("Status", { exact: true }).fill("700");
    await dialog.getByLabel("Delay (ms)").fill("31000");
    await dialog.getByRole("button", { name: "Add header" }).click();
    await dialog.getByLabel("Header 1 name").fill("Bad Name");
    await dialog.getByRole("button", { name: "Save settings" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Not saved: fix the fields marked in red.");
    await expect(dialog.getByText("Status must be a whole number from 200 to 599")).toBeVisible();
    await expect(dialog.getByText("Delay must be a whole number from 0 to 30000")).toBeVisible();
    await expect(dialog.getByText(/no spaces or colons/)).toBeVisible();

    await dialog.getByLabel("Status", { exact: true }).fill("200");
    await dialog.getByLabel("Delay (ms)").fill("0");
    await dialog.getByRole("button", { name: "Remove header 1" }).click();
    // Only the server knows its retention ceiling: its 400 message comes back word for word.
    await dialog.getByRole("tab", { name: "Lifetime" }).click();
    await dialog.getByLabel("Max requests").fill("999999999999");
    await dialog.getByRole("button", { name: "Save settings" }).click();
    await expect(dialog.getByRole("alert")).toContainText(/Not saved: maxRequests: at most \d+ on this server/);
    await expect(dialog.getByLabel("Max requests")).toHaveValue("999999999999");

    const info = await (await request.get(`/api/bins/${binId}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(info.maxRequests).toBeLessThan(999999999999);
  });

  test("the expiry can be extended and retention changed", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const auth = { Authorization: `Bearer ${token}` };
    const before = (await (await request.get(`/api/bins/${binId}`, { headers: auth })).json()) as { expiresAt: string | null };
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "Lifetime" }).click();
    await dialog.getByRole("button", { name: "Extend by 30 days" }).click();
    await expect(dialog.getByText(/unsaved; now/)).toBeVisible();
    await dialog.getByLabel("Max requests").fill("42");
    await saveSettings(dialog);

    const after = (await (await request.get(`/api/bins/${binId}`, { headers: auth })).json()) as { expiresAt: string; maxRequests: number };
    expect(after.maxRequests).toBe(42);
    const base = before.expiresAt ? Date.parse(before.expiresAt) : Date.now();
    expect(Math.abs(Date.parse(after.expiresAt) - (base + 30 * 86_400_000))).toBeLessThan(60_000);
  });

  test("CORS and auto-forward settings are saved", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const dialog = await openSettings(page);
    await dialog.getByRole("tab", { name: "CORS & forwarding" }).click();
    await dialog.getByLabel("Enable CORS").check();
    await dialog.getByLabel("Allowed origin").fill("https://app.example.com");
    await dialog.getByLabel("Forward every capture").check();
    await dialog.getByRole("button", { name: "Save settings" }).click();
    await expect(dialog.getByText("set a URL to forward to before enabling forwarding")).toBeVisible();
    await dialog.getByLabel("Forward to").fill("https://example.com/webhooks");
    await dialog.getByLabel("Max attempts").fill("3");
    await saveSettings(dialog);

    const settings = await (await request.get(`/api/bins/${binId}/settings`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(settings.cors).toEqual({ enabled: true, allowOrigin: "https://app.example.com" });
    expect(settings.forward).toEqual({ enabled: true, url: "https://example.com/webhooks", maxAttempts: 3 });
  });
});
