import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";
import { ownerToken } from "./owner-helpers";

const SECRET = "whsec_viewers-must-never-see-this-0123456789";

test("a share-link viewer sees none of the owner's tools and no secret", async ({ page, request, browser }) => {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  // Read while the bin is empty: with requests its card folds and the share link is a click away.
  const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`/api/bins/${binId}/secrets`, { headers: auth, data: { scheme: "stripe", secret: SECRET } })).status()).toBe(201);
  await capture(request, binId, { headers: { "Stripe-Signature": "t=1,v1=abc" }, body: "{}" });

  // The owner has them all.
  await expect(page.getByRole("button", { name: "Settings", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Dead letters" })).toBeVisible();
  await requestRows(page).first().click();
  for (const tab of ["Replay", "Deliveries", "Verify"]) await expect(page.getByRole("tab", { name: tab })).toBeVisible();

  const context = await browser.newContext();
  try {
    const viewer = await context.newPage();
    await viewer.goto(shareUrl);
    await expect(requestRows(viewer)).toHaveCount(1);
    await requestRows(viewer).first().click();
    await expect(viewer.getByRole("tab", { name: "Overview" })).toBeVisible();
    for (const tab of ["Replay", "Deliveries"]) await expect(viewer.getByRole("tab", { name: tab })).toHaveCount(0);
    // Verify is read-only and stripped of secrets for viewers (viewer-verify.spec.ts).
    await expect(viewer.getByRole("tab", { name: "Verify" })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Settings", exact: true })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Dead letters" })).toHaveCount(0);
    const html = await viewer.content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain("whsec_••");

    // And the API agrees: the share token cannot read settings or secrets.
    const shareToken = new URL(shareUrl).hash.replace("#share=", "");
    const viewerAuth = { Authorization: `Bearer ${shareToken}` };
    expect((await request.get(`/api/bins/${binId}/settings`, { headers: viewerAuth })).status()).toBe(403);
    expect((await request.get(`/api/bins/${binId}/secrets`, { headers: viewerAuth })).status()).toBe(403);
  } finally {
    await context.close();
  }
});
