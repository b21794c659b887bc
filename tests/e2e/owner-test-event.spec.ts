import { createBinInUi, expect, requestRows, test } from "./fixtures";
import { ownerToken } from "./owner-helpers";

test("a signed test event from the Stripe template, edited, is captured in the bin and verifies", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  const added = await request.post(`/api/bins/${binId}/secrets`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { scheme: "stripe", secret: "whsec_e2e_test_event" },
  });
  expect(added.status()).toBe(201);
  await page.getByRole("button", { name: "Test event" }).click();
  const form = page.getByRole("form", { name: "Signed test event" });
  await expect(form.getByLabel("Sign with")).toContainText("The bin's Stripe secret");
  const body = form.getByLabel("Body");
  await expect(body).toHaveValue(/payment_intent\.succeeded/);
  await body.fill('{"id":"evt_edited","type":"invoice.paid"}');
  await form.getByRole("button", { name: "Send signed event" }).click();
  const result = form.getByRole("region", { name: "Test event result" });
  await expect(result).toContainText("Captured in the bin as /stripe: signature valid.");
  await expect(result.getByLabel("Signed")).toHaveText("Signed (stripe): set Stripe-Signature.");
  await page.keyboard.press("Escape");
  await expect(requestRows(page)).toHaveCount(1);
  const list = await (await request.get(`/api/bins/${binId}/requests`, { headers: { Authorization: `Bearer ${token}` } })).json();
  expect(list.requests[0].verdict).toBe("valid");
});
