// Honest counts (issue 11, finding 5): what retention removed and what senders were refused is said
// beside the list, and kept live.
import http from "node:http";
import { BASE_URL, capture, createBinInUi, expect, ownerToken, test } from "./fixtures";

/**
 * Declares a body over the server's limit and waits for the answer: the server refuses it (413)
 * from the Content-Length alone, before reading, and closes; a client that insists on sending the
 * whole body would only see the closed socket.
 */
function sendTooLarge(binId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE_URL}/h/${binId}/big`, { method: "POST", headers: { "Content-Length": String(11 * 1024 * 1024) } }, (res) => {
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    req.write("x");
  });
}

test("the list says what retention removed and what was refused, and updates live", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  const patched = await request.patch(`/api/bins/${binId}`, { headers: { Authorization: `Bearer ${token}` }, data: { maxRequests: 3 } });
  expect(patched.status(), await patched.text()).toBe(200);
  for (let i = 0; i < 6; i++) await capture(request, binId, { path: `/n/${i}`, body: String(i) });

  const counts = page.getByLabel("Bin counts");
  await expect(counts).toContainText("Keeps 3 · 3 older removed");
  await expect(page.getByRole("region", { name: "Requests" }).getByLabel("3 requests", { exact: true })).toBeVisible();
  // The rows retention removed leave the list too: the newest 3 stay.
  await expect(page.getByRole("listbox", { name: "Captured requests" }).getByRole("option")).toHaveCount(3);
  await expect(page.getByRole("listbox", { name: "Captured requests" })).toContainText("/n/5");
  await expect(page.getByRole("listbox", { name: "Captured requests" })).not.toContainText("/n/2");

  expect(await sendTooLarge(binId)).toBe(413);
  await expect(counts).toContainText("1 refused: 1 413 too large");
  expect(await sendTooLarge(binId)).toBe(413);
  await expect(counts).toContainText("2 refused: 2 413 too large");
  await page.screenshot({ path: "test-results/screenshots/bin-tally.png" });
});
