// The request list shows what the trust checks found, and re-reads it when the owner changes a secret.
import { createHmac } from "node:crypto";
import { capture, createBinInUi, expect, ownerToken, requestRows, test } from "./fixtures";

test("signature, duplicate and answer badges in the list; a new secret turns them valid live", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  const body = '{"action":"opened"}';
  const signature = `sha256=${createHmac("sha256", "badge-secret").update(body).digest("hex")}`;
  const headers = { "Content-Type": "application/json", "X-Hub-Signature-256": signature, "X-GitHub-Delivery": "delivery-1" };
  await capture(request, binId, { path: "/github", headers, body });
  await capture(request, binId, { path: "/github", headers, body });
  const rows = requestRows(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("duplicate");
  await expect(rows.nth(1)).not.toContainText("duplicate");
  await expect(rows.first()).toContainText("signed");

  const added = await request.post(`/api/bins/${binId}/secrets`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { scheme: "github", secret: "badge-secret" },
  });
  expect(added.status()).toBe(201);
  await expect(rows.first()).toContainText("signed ✓");
  await expect(rows.nth(1)).toContainText("signed ✓");

  await request.patch(`/api/bins/${binId}`, { headers: { Authorization: `Bearer ${token}` }, data: { settings: { response: { status: 503 } } } });
  expect((await request.post(`/h/${binId}/failing`, { data: "x" })).status()).toBe(503);
  await expect(rows.first()).toContainText("→ 503");
  await page.screenshot({ path: "test-results/screenshots/trust-badges.png" });
});
