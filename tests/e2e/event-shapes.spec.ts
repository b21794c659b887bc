// Event types, drift flags and shape exports in the inspector (issue 17), with screenshots at desktop
// and phone width for a person to look at (test-results/screenshots/).
import type { Page } from "@playwright/test";
import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";
import { SHOPIFY_SAMPLES, STRIPE_SAMPLES } from "../helpers/webhook-samples";

const DIR = "test-results/screenshots";

async function openShapes(page: Page): Promise<void> {
  // On a phone the bin's actions fold into one menu.
  const menu = page.getByRole("button", { name: "Bin actions" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Shapes", exact: true }).click();
}

test("a changed field is flagged in the list and the detail, and the learnt shape exports", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { binId } = await createBinInUi(page);
  for (const sample of [...STRIPE_SAMPLES, ...SHOPIFY_SAMPLES])
    await capture(request, binId, { path: "/webhooks", headers: sample.headers, body: sample.body });
  const changed = JSON.parse(STRIPE_SAMPLES[0]!.body) as { data: { object: Record<string, unknown> } };
  changed.data.object.amount = "49.00";
  const driftId = await capture(request, binId, { path: "/webhooks", headers: STRIPE_SAMPLES[0]!.headers, body: JSON.stringify(changed) });

  await expect(requestRows(page)).toHaveCount(STRIPE_SAMPLES.length + SHOPIFY_SAMPLES.length + 1);
  const driftRow = page.locator(`[data-request-id="${driftId}"]`);
  // Arrived "pending"; the learner's requests:checked event then flags it, without a reload.
  await expect(driftRow.getByTestId("shape-drift")).toHaveText(/changed/);
  await expect(requestRows(page).getByTestId("checks-pending")).toHaveCount(0);
  await page.screenshot({ path: `${DIR}/shapes-drift-live-1440.png` });
  await expect(driftRow.getByTestId("event-type")).toHaveText("charge.succeeded");
  await expect(page.locator(`[data-request-id]:not([data-request-id="${driftId}"])`).getByTestId("event-type").first()).toBeVisible();

  await driftRow.click();
  await page.getByRole("tab", { name: /Shape/ }).click();
  await expect(page.getByTestId("shape-changes")).toContainText("data.object.amount: integer -> string");
  await page.screenshot({ path: `${DIR}/shapes-drift-1440.png` });

  await openShapes(page);
  const drawer = page.getByRole("dialog", { name: "Event shapes" });
  await drawer.getByRole("button", { name: "charge.succeeded", exact: true }).click();
  const exported = drawer.getByTestId("shape-export");
  await expect(exported).toContainText("export type ChargeSucceeded = {");
  await expect(exported).toContainText("amount: number | string;");
  await drawer.getByRole("radio", { name: "zod" }).click();
  await expect(exported).toContainText("export const ChargeSucceeded = z.looseObject({");
  const [download] = await Promise.all([page.waitForEvent("download"), drawer.getByRole("button", { name: /Download charge\.succeeded\.zod\.ts/ }).click()]);
  expect(download.suggestedFilename()).toBe("charge.succeeded.zod.ts");
  await drawer.getByRole("button", { name: "Copy zod" }).click();
  await expect(drawer.getByRole("button", { name: "Copy zod" })).toContainText("Copied");
  await expect(drawer.getByTestId("shape-change-list")).toContainText("data.object.amount: integer -> string");
  await page.screenshot({ path: `${DIR}/shapes-panel-1440.png` });

  // "Show requests" narrows the list to that event type.
  await drawer.getByRole("listitem").filter({ hasText: "orders/create" }).getByRole("button", { name: "Show requests" }).click();
  await expect(requestRows(page)).toHaveCount(2);
  await expect(requestRows(page).getByTestId("event-type")).toHaveText(["orders/create", "orders/create"]);

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/bins/${binId}/${driftId}${new URL(page.url()).hash}`);
  await page.getByRole("tab", { name: /Shape/ }).click();
  await expect(page.getByTestId("shape-changes")).toContainText("data.object.amount");
  await page.screenshot({ path: `${DIR}/shapes-drift-375.png` });
  await page.goto(`/bins/${binId}${new URL(page.url()).hash}`);
  await expect(page.locator(`[data-request-id="${driftId}"]`).getByTestId("shape-drift")).toBeVisible();
  await page.screenshot({ path: `${DIR}/shapes-list-375.png` });
  await openShapes(page);
  await expect(page.getByRole("dialog", { name: "Event shapes" }).getByTestId("shape-export")).toContainText("export type");
  await page.screenshot({ path: `${DIR}/shapes-panel-375.png` });
});

test("the owner names where their own senders put the event type, and the next capture is typed by it", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  await openShapes(page);
  const drawer = page.getByRole("dialog", { name: "Event shapes" });
  const field = drawer.getByLabel("Event type path");
  await expect(field).toBeEnabled();
  await field.fill("meta..kind");
  await drawer.getByRole("button", { name: "Save" }).click();
  await expect(drawer.getByRole("status").filter({ hasText: "eventTypePath" })).toBeVisible();
  await field.fill("meta.kind");
  await drawer.getByRole("button", { name: "Save" }).click();
  await expect(drawer.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await drawer.getByRole("button", { name: "Close" }).click();
  const id = await capture(request, binId, { headers: { "Content-Type": "application/json" }, body: '{"meta":{"kind":"parcel.delivered"}}' });
  await expect(page.locator(`[data-request-id="${id}"]`).getByTestId("event-type")).toHaveText("parcel.delivered");
});

test("an open Shapes panel and an open request follow the learner live", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { binId } = await createBinInUi(page);
  for (const sample of STRIPE_SAMPLES) await capture(request, binId, { headers: sample.headers, body: sample.body });
  await openShapes(page);
  const drawer = page.getByRole("dialog", { name: "Event shapes" });
  await expect(drawer.getByRole("button", { name: "charge.succeeded", exact: true })).toBeVisible();
  const changed = JSON.parse(STRIPE_SAMPLES[0]!.body) as { data: { object: Record<string, unknown> } };
  changed.data.object.refund_reason = "duplicate";
  await capture(request, binId, { headers: STRIPE_SAMPLES[0]!.headers, body: JSON.stringify(changed) });
  await expect(drawer.getByTestId("shape-change-list")).toContainText("data.object.refund_reason");
  await page.screenshot({ path: `${DIR}/shapes-panel-live-1440.png` });
});
