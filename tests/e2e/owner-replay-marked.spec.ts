import { startTarget } from "../helpers/target";
import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";

test("marked requests replay in capture order to one target", async ({ page, request }) => {
  const target = await startTarget();
  try {
    const { binId } = await createBinInUi(page);
    for (const path of ["/one", "/two", "/three"]) await capture(request, binId, { path, body: path });
    const rows = requestRows(page);
    await expect(rows).toHaveCount(3);
    // Marked newest first on purpose: the replay still goes oldest first.
    for (const row of await rows.all()) await row.getByRole("checkbox").check();
    const bar = page.getByRole("toolbar", { name: "Marked requests" });
    await bar.getByRole("button", { name: "Replay marked" }).click();
    await bar.getByLabel("Replay target URL").fill(`${target.url}/hooks`);
    await bar.getByRole("button", { name: "Send 3" }).click();
    await expect(bar.getByRole("status")).toHaveText("Sent in order: 200, 200, 200");
    expect(target.received.map((r) => r.body.toString())).toEqual(["/one", "/two", "/three"]);
  } finally {
    await target.close();
  }
});
