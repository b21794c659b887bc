// The owner's JSON Schema for an event type (issue 17): set in the Shapes panel (refused in the
// server's words first), then a failing capture is flagged in the list and its failing paths shown in
// the Shape tab. Screenshots at desktop and phone width go to test-results/screenshots/.
import type { Page } from "@playwright/test";
import { BASE_URL, capture, createBinInUi, expect, ownerToken, requestRows, test } from "./fixtures";
import { STRIPE_SAMPLES } from "../helpers/webhook-samples";

const DIR = "test-results/screenshots";
const CHARGE = STRIPE_SAMPLES[0]!;

const STRICT_SCHEMA = JSON.stringify(
  {
    type: "object",
    required: ["data"],
    properties: { data: { type: "object", properties: { object: { type: "object", properties: { amount: { type: "integer" } } } } } },
  },
  null,
  2,
);

async function openShapes(page: Page): Promise<void> {
  // On a phone the bin's actions fold into one menu.
  const menu = page.getByRole("button", { name: "Bin actions" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Shapes", exact: true }).click();
}

test("the owner sets a schema for an event type and a failing request is flagged with its failing path", async ({ page, request }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { binId } = await createBinInUi(page);
  const passingId = await capture(request, binId, { path: "/webhooks", headers: CHARGE.headers, body: CHARGE.body });
  await expect(requestRows(page)).toHaveCount(1);

  await openShapes(page);
  const drawer = page.getByRole("dialog", { name: "Event shapes" });
  const editor = drawer.getByRole("textbox", { name: "JSON Schema for charge.succeeded" });
  await drawer.getByRole("button", { name: "Start from the inferred schema" }).click();
  await expect(editor).toHaveValue(/"\$schema": "https:\/\/json-schema.org\/draft\/2020-12\/schema"/);

  // A schema Ajv refuses is shown as the server put it.
  await editor.fill('{"type": "strnig"}');
  await drawer.getByRole("button", { name: "Save schema" }).click();
  await expect(drawer.getByTestId("schema-status")).toContainText("Refused: The schema is not valid JSON Schema 2020-12: schema is invalid: data/type");

  await editor.fill(STRICT_SCHEMA);
  await drawer.getByRole("button", { name: "Save schema" }).click();
  await expect(drawer.getByTestId("schema-status")).toHaveText(/Saved as version 1/);
  await expect(drawer.getByRole("listitem").filter({ hasText: "charge.succeeded" })).toContainText("schema v1");
  await page.screenshot({ path: `${DIR}/schema-panel-1440.png` });

  // A type no request has had yet can have a schema too.
  await drawer.getByLabel("Another event type").fill("invoice.paid");
  await drawer.getByRole("button", { name: "Set its schema" }).click();
  await drawer.getByRole("textbox", { name: "JSON Schema for invoice.paid" }).fill('{"type": "object"}');
  await drawer.getByRole("button", { name: "Save schema" }).click();
  await expect(drawer.getByRole("listitem").filter({ hasText: "invoice.paid" })).toContainText("no requests yet · schema v1");
  await drawer.getByRole("button", { name: "Close" }).click();

  const changed = JSON.parse(CHARGE.body) as { data: { object: Record<string, unknown> } };
  changed.data.object.amount = "49.00";
  const failingId = await capture(request, binId, { path: "/webhooks", headers: CHARGE.headers, body: JSON.stringify(changed) });
  const failingRow = page.locator(`[data-request-id="${failingId}"]`);
  await expect(failingRow.getByTestId("schema-fail")).toHaveText("fails schema");
  await expect(page.locator(`[data-request-id="${passingId}"]`).getByTestId("schema-fail")).toHaveCount(0);

  await failingRow.click();
  await page.getByRole("tab", { name: /Shape/ }).click();
  await expect(page.getByTestId("schema-check")).toContainText("Fails the charge.succeeded schema (version 1) in 1 place:");
  await expect(page.getByTestId("schema-failures")).toHaveText(["/data/object/amount must be integer"]);
  await expect(page.getByTestId("schema-check")).toContainText("Checked in the background against this version.");
  await page.screenshot({ path: `${DIR}/schema-fail-1440.png` });

  // The request from before the schema is checked when it is read, and says so.
  await page.locator(`[data-request-id="${passingId}"]`).click();
  await page.getByRole("tab", { name: /Shape/ }).click();
  await expect(page.getByTestId("schema-check")).toContainText("Passes the charge.succeeded schema (version 1).");
  // Captured before the schema: re-checked in the background once it was set.
  await expect(page.getByTestId("schema-check")).toContainText("Checked in the background against this version.");

  // The list narrows to the failures, over everything stored.
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.getByLabel("Owner schema").selectOption("fail");
  await expect(requestRows(page)).toHaveCount(1);
  await expect(requestRows(page).getByTestId("schema-fail")).toBeVisible();

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(`/bins/${binId}${new URL(page.url()).hash}`);
  await expect(page.locator(`[data-request-id="${failingId}"]`).getByTestId("schema-fail")).toBeVisible();
  await page.screenshot({ path: `${DIR}/schema-list-375.png` });
  await page.goto(`/bins/${binId}/${failingId}${new URL(page.url()).hash}`);
  await page.getByRole("tab", { name: /Shape/ }).click();
  await expect(page.getByTestId("schema-failures")).toContainText("/data/object/amount");
  await page.screenshot({ path: `${DIR}/schema-fail-375.png` });

  await page.goto(`/bins/${binId}${new URL(page.url()).hash}`);
  await expect(page.locator(`[data-request-id="${failingId}"]`)).toBeVisible();
  await openShapes(page);
  const phoneDrawer = page.getByRole("dialog", { name: "Event shapes" });
  await phoneDrawer.getByRole("button", { name: "Remove schema" }).click();
  await expect(phoneDrawer.getByTestId("schema-status")).toHaveText(/Removed/);
  await page.screenshot({ path: `${DIR}/schema-panel-375.png` });
});

test("an open request's verdict and the list's flag follow schema changes made elsewhere, without a reload", async ({ page, context, playwright }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { binId } = await createBinInUi(page);
  const changed = JSON.parse(CHARGE.body) as { data: { object: Record<string, unknown> } };
  changed.data.object.amount = "49.00";
  const id = await capture(page.request, binId, { path: "/webhooks", headers: CHARGE.headers, body: JSON.stringify(changed) });
  const row = page.locator(`[data-request-id="${id}"]`);
  await row.click();
  await page.getByRole("tab", { name: /Shape/ }).click();
  const eventType = page.getByRole("region", { name: "Request detail" }).getByText("charge.succeeded", { exact: true });
  await expect(eventType).toBeVisible();
  await expect(page.getByTestId("schema-check")).toHaveCount(0);

  // The owner sets the schema in another tab.
  const other = await context.newPage();
  await other.goto(`/bins/${binId}`);
  await expect(other.locator(`[data-request-id="${id}"]`)).toBeVisible();
  await openShapes(other);
  const drawer = other.getByRole("dialog", { name: "Event shapes" });
  await drawer.getByRole("textbox", { name: "JSON Schema for charge.succeeded" }).fill(STRICT_SCHEMA);
  await drawer.getByRole("button", { name: "Save schema" }).click();
  await expect(drawer.getByTestId("schema-status")).toHaveText(/Saved as version 1/);
  await other.close();

  await expect(page.getByTestId("schema-check")).toContainText("Fails the charge.succeeded schema (version 1) in 1 place:");
  await expect(page.getByTestId("schema-failures")).toHaveText(["/data/object/amount must be integer"]);
  // The list flags both: a request arriving now, and the one from before once the background re-check reached it.
  const laterId = await capture(page.request, binId, { path: "/webhooks", headers: CHARGE.headers, body: JSON.stringify(changed) });
  const later = page.locator(`[data-request-id="${laterId}"]`);
  await expect(later.getByTestId("schema-fail")).toHaveText("fails schema");
  await expect(row.getByTestId("schema-fail")).toHaveText("fails schema");

  // Then through the API, from a client that shares nothing with the page: replaced, then removed.
  const api = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${await ownerToken(page, binId)}` } });
  const schemaUrl = `/api/bins/${binId}/shapes/schema?eventType=charge.succeeded`;
  expect((await api.put(schemaUrl, { data: '{"type":"object"}', headers: { "Content-Type": "application/json" } })).status()).toBe(200);
  await expect(page.getByTestId("schema-check")).toContainText("Passes the charge.succeeded schema (version 2).");
  // Its verdict belonged to version 1: the list drops the flag (pending, then passing version 2).
  await expect(later.getByTestId("schema-fail")).toHaveCount(0);
  await expect(requestRows(page)).toHaveCount(2);
  expect((await api.delete(schemaUrl)).status()).toBe(204);
  await expect(page.getByTestId("schema-check")).toHaveCount(0);
  await expect(eventType).toBeVisible();
  await api.dispose();
});
