// A phone, 375x812 (issue 11, finding 4): a tapped request opens as a full-screen sheet that Back
// closes, tables and trees wrap within the width, the list fits its rows, bin actions sit in one menu.
import type { Page } from "@playwright/test";
import { capture, captureBytes, createBinInUi, expect, requestRows, test } from "./fixtures";

const sheet = (page: Page) => page.getByRole("dialog", { name: "Request" });
const pathOf = (page: Page) => new URL(page.url()).pathname;
const row = (page: Page, requestId: string) => page.locator(`[role="option"][data-request-id="${requestId}"]`);

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
});

test("tapping a row opens a full-screen sheet; its back button and the browser's Back close it", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  const a = await capture(request, binId, { path: "/a" });
  const b = await capture(request, binId, { path: "/b" });
  await expect(requestRows(page)).toHaveCount(2);
  // The first arrival is highlighted, but nothing covers the list until the user taps.
  await expect(sheet(page)).toBeHidden();
  expect(pathOf(page)).toBe(`/bins/${binId}`);

  await row(page, a).click();
  await expect(sheet(page)).toBeVisible();
  expect(await sheet(page).boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 812 });
  await expect(sheet(page).getByRole("region", { name: "Request detail" })).toContainText("/a");
  expect(pathOf(page)).toBe(`/bins/${binId}/${a}`);
  await sheet(page).getByRole("button", { name: "Back to requests" }).click();
  await expect(sheet(page)).toBeHidden();
  await expect.poll(() => pathOf(page)).toBe(`/bins/${binId}`);

  await row(page, b).click();
  await expect(sheet(page).getByRole("region", { name: "Request detail" })).toContainText("/b");
  await page.goBack();
  await expect(sheet(page)).toBeHidden();
  await expect(requestRows(page)).toHaveCount(2);
  await page.goForward();
  await expect(sheet(page).getByRole("region", { name: "Request detail" })).toContainText("/b");
  // Escape closes it too, as any dialog.
  await page.keyboard.press("Escape");
  await expect(sheet(page)).toBeHidden();

  // A request link opened on a phone shows the sheet; its back button leaves the list, not the site.
  await page.goto(`/bins/${binId}/${a}`);
  await expect(sheet(page).getByRole("region", { name: "Request detail" })).toContainText("/a");
  await sheet(page).getByRole("button", { name: "Back to requests" }).click();
  await expect(sheet(page)).toBeHidden();
  expect(pathOf(page)).toBe(`/bins/${binId}`);
  await expect(requestRows(page)).toHaveCount(2);
});

test("headers wrap within the screen instead of pushing values off it", async ({ page }) => {
  const { binId } = await createBinInUi(page);
  const longValue = `sha256=${"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".repeat(2)}`;
  await captureBytes(binId, {
    path: "/github",
    headers: { "Content-Type": "application/json", "X-GitHub-Hook-Installation-Target-Type": "integration", "X-Hub-Signature-256": longValue },
    body: "{}",
  });
  await requestRows(page).first().click();
  const detail = sheet(page).getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: /Headers/ }).click();
  const valueCell = detail.getByRole("row").filter({ hasText: "X-Hub-Signature-256" }).getByRole("cell").last();
  await expect(valueCell).toContainText(longValue.slice(0, 20));
  const box = await valueCell.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
  const nameCell = detail.getByRole("rowheader", { name: "X-GitHub-Hook-Installation-Target-Type" });
  const nameBox = await nameCell.boundingBox();
  expect((nameBox?.x ?? 0) + (nameBox?.width ?? 0)).toBeLessThanOrEqual(375);
  const table = detail.getByRole("table");
  expect(await table.evaluate((el) => el.scrollWidth <= (el.parentElement?.clientWidth ?? 0))).toBe(true);
});

test("the JSON tree's copy buttons take no width, and the keyboard still reaches them", async ({ page }) => {
  const { binId } = await createBinInUi(page);
  const text = "a longer string value that has to wrap on a phone screen without losing width to buttons";
  await captureBytes(binId, { path: "/json", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: text, n: 1 }) });
  await requestRows(page).first().click();
  const detail = sheet(page).getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: /Body/ }).click();
  const tree = detail.getByRole("list", { name: "JSON tree" });
  const line = tree.locator('[data-path="$.message"] > div');
  const value = line.getByText(JSON.stringify(text));
  await expect(value).toBeVisible();
  // The value runs to the end of its line: no space is kept for the buttons.
  const lineBox = await line.boundingBox();
  const valueBox = await value.boundingBox();
  expect((lineBox?.x ?? 0) + (lineBox?.width ?? 0) - ((valueBox?.x ?? 0) + (valueBox?.width ?? 0))).toBeLessThan(24);
  const copyPath = detail.getByRole("button", { name: "Copy path $.message" });
  expect(await copyPath.evaluate((el) => getComputedStyle(el.parentElement as Element).opacity)).toBe("0");

  // Tab order: ..., "Collapse all", the root's toggle, the root's copy buttons, then $.message's.
  await detail.getByRole("button", { name: "Collapse root" }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  await expect(copyPath).toBeFocused();
  expect(await copyPath.evaluate((el) => getComputedStyle(el.parentElement as Element).opacity)).toBe("1");
});

test("the list is as tall as its rows, and bin actions fit in one menu", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  // Empty: the title, the live dot, the menu and the toggle share one line (connecting or live alike).
  const card = page.getByRole("region", { name: "Bin" });
  const title = await card.getByRole("heading", { level: 1 }).boundingBox();
  const menu = await card.getByRole("button", { name: "Bin actions" }).boundingBox();
  expect(Math.abs((title?.y ?? 0) + (title?.height ?? 0) / 2 - ((menu?.y ?? 0) + (menu?.height ?? 0) / 2))).toBeLessThan(8);

  await capture(request, binId, { path: "/only" });
  await expect(requestRows(page)).toHaveCount(1);
  expect((await page.getByRole("region", { name: "Requests" }).boundingBox())?.height).toBeLessThan(320);
  expect((await card.boundingBox())?.height).toBeLessThan(64);

  await card.getByRole("button", { name: "Bin actions" }).click();
  const actions = card.getByRole("group", { name: "Bin actions" });
  for (const name of ["Export bin", "Settings", "Dead letters", "Forwarders", "Delete bin"]) {
    await expect(actions.getByRole("button", { name, exact: true })).toBeVisible();
  }
  const box = await actions.boundingBox();
  expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 375).toBe(true);
  await actions.getByRole("button", { name: "Settings", exact: true }).click();
  const settings = page.getByRole("dialog", { name: "Bin settings" });
  await expect(settings.getByRole("button", { name: "Save settings" })).toBeVisible();
  await settings.getByRole("button", { name: "Close" }).click();
  await expect(settings).toBeHidden();
  await page.keyboard.press("Escape");
  await expect(actions).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
