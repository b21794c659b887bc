import { verifyRequest } from "@/lib/server/signatures";
import { startTarget } from "../helpers/target";
import { expect, test } from "./fixtures";
import { openStripeReplay } from "./owner-helpers";

const SECRET = "whsec_e2e_resign_secret";

test("a replay re-signed with the bin's Stripe secret reaches the target with a signature that verifies now", async ({ page, request }) => {
  const target = await startTarget();
  try {
    const detail = await openStripeReplay(page, request, `${target.url}/stripe`, [{ scheme: "stripe", secret: SECRET }]);
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
