// Helpers for the owner-tool specs (owner-*.spec.ts).
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { capture, createBinInUi, expect, ownerToken, requestRows } from "./fixtures";

export { ownerToken };

export function detailPane(page: Page): Locator {
  return page.getByRole("region", { name: "Request detail" });
}

export async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Bin settings" });
  await expect(dialog.getByRole("button", { name: "Save settings" })).toBeVisible();
  return dialog;
}

export async function saveSettings(dialog: Locator): Promise<void> {
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(dialog.getByText("Saved. The next capture gets the new settings.")).toBeVisible();
}

/** Sends to the capture URL and returns the status and body text, whatever the status. */
export async function send(request: APIRequestContext, binId: string, body = "{}", path = ""): Promise<{ status: number; body: string }> {
  const response = await request.post(`/h/${binId}${path}`, { data: body, headers: { "Content-Type": "application/json" } });
  return { status: response.status(), body: await response.text() };
}

/**
 * The steps before a re-signed replay: a new bin whose owner has added `secrets` (a Stripe one first,
 * so it is the first re-sign choice), a capture with a stale Stripe-Signature, and its Replay tab
 * aimed at `targetUrl`. Answers the detail pane.
 */
export async function openStripeReplay(
  page: Page,
  request: APIRequestContext,
  targetUrl: string,
  secrets: { scheme: string; secret: string }[],
): Promise<Locator> {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  for (const secret of secrets) {
    const added = await request.post(`/api/bins/${binId}/secrets`, { headers: { Authorization: `Bearer ${token}` }, data: secret });
    expect(added.status()).toBe(201);
  }
  await capture(request, binId, {
    path: "/stripe",
    headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1500000000,v1=00" },
    body: '{"id":"evt_1"}',
  });
  await requestRows(page).first().click();
  const detail = detailPane(page);
  await detail.getByRole("tab", { name: "Replay" }).click();
  await detail.getByLabel("Target URL").fill(targetUrl);
  return detail;
}
