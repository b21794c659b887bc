import { createBinInUi, expect, test } from "./fixtures";

test("my bins lists owned bins, marks deleted ones gone and forgets them on request", async ({ page, request }) => {
  const kept = await createBinInUi(page);
  const doomed = await createBinInUi(page);
  const token = await page.evaluate((id) => {
    const bins = JSON.parse(localStorage.getItem("hookscope:bins") ?? "[]") as { id: string; ownerToken: string }[];
    return bins.find((bin) => bin.id === id)?.ownerToken;
  }, doomed.binId);
  expect(token).toBeTruthy();
  const deleted = await request.delete(`/api/bins/${doomed.binId}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(deleted.status()).toBe(204);

  await page.goto("/");
  const myBins = page.getByRole("region", { name: "My bins" });
  await expect(myBins.getByRole("link", { name: kept.binId })).toBeVisible();
  const doomedRow = myBins.getByRole("listitem").filter({ hasText: doomed.binId });
  await expect(doomedRow).toContainText("Gone");
  await expect(doomedRow.getByRole("link")).toHaveCount(0);

  // A gone bin is forgotten at once; a live one asks first because its owner key would be lost.
  await doomedRow.getByRole("button", { name: `Remove ${doomed.binId} from my bins` }).click();
  await expect(doomedRow).toHaveCount(0);
  await myBins.getByRole("button", { name: `Remove ${kept.binId} from my bins` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(myBins.getByRole("listitem")).toHaveCount(0);
  await expect(myBins).toContainText("Bins you create here are listed");
});

test("the inspector deletes its own bin and returns home", async ({ page }) => {
  const { binId } = await createBinInUi(page);
  await page.getByRole("button", { name: "Delete bin" }).click();
  await page.getByRole("dialog", { name: "Delete this bin?" }).getByRole("button", { name: "Delete bin" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("link", { name: binId })).toHaveCount(0);
  await page.goto(`/bins/${binId}`);
  // The owner token is forgotten with the bin: the page can only say what access would take.
  await expect(page.getByRole("heading", { name: "This bin is private" })).toBeVisible();
});
