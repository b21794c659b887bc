import { verifyRequest } from "@/lib/server/signatures";
import { startTarget } from "../helpers/target";
import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";
import { detailPane, ownerToken } from "./owner-helpers";

const SECRET = "whsec_e2e_resign_secret";

test("a replay re-signed with the bin's Stripe secret reaches the target with a signature that verifies now", async ({ page, request }) => {
  const target = await startTarget();
  try {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const added = await request.post(`/api/bins/${binId}/secrets`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { scheme: "stripe", secret: SECRET },
    });
    expect(added.status()).toBe(201);
    await capture(request, binId, {
      path: "/stripe",
      headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1500000000,v1=00" },
      body: '{"id":"evt_1"}',
    });
    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Replay" }).click();
    await detail.getByLabel("Target URL").fill(`${target.url}/stripe`);
    await expect(detail.getByLabel("Signature").locator("option").nth(1)).toHaveText(/^Re-sign with the bin's Stripe secret \(whsec_•+/);
    await detail.getByLabel("Signature").selectOption({ index: 1 });
    await detail.getByRole("button", { name: "Send" }).click();

    const result = detail.getByRole("region", { name: "Replay result" });
    await expect(result).toContainText("200");
    await expect(result.getByLabel("Re-signed")).toHaveText("Re-signed (stripe): set Stripe-Signature.");
    const sent = target.received[0]!;
    const verdict = verifyRequest({ method: sent.method, url: `${target.url}${sent.url}`, headers: sent.rawHeaders, body: sent.body, receivedAt: sent.at }, [
      { scheme: "stripe", secret: SECRET },
    ]);
    expect(verdict.status, verdict.reason).toBe("valid");
  } finally {
    await target.close();
  }
});
