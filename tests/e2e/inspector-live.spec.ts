// Watching live traffic (issue 11, findings 1, 3, 5 and 9): the newest request stays in view, a
// "N new" button when the user scrolled away, follow newest, the stored count, a bin card that folds.
import type { Page } from "@playwright/test";
import { BASE_URL, capture, createBinInUi, expect, requestRows, test } from "./fixtures";

const row = (page: Page, requestId: string) => page.locator(`[role="option"][data-request-id="${requestId}"]`);
const listScroller = (page: Page) => page.getByRole("listbox", { name: "Captured requests" }).locator("..");
const countLabel = (page: Page) => page.getByRole("region", { name: "Requests" }).getByLabel(/^\d+( or more)? requests$/);
const binCard = (page: Page) => page.getByRole("region", { name: "Bin" });

/**
 * Sends `count` requests from the test process (not the page) at about `perSecond`, as a sender
 * would, and returns their ids in order. The pause paces the sender; nothing waits on the page here.
 */
async function burst(binId: string, count: number, perSecond: number, path = "/burst"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const [response] = await Promise.all([
      fetch(`${BASE_URL}/h/${binId}${path}/${i}`, { method: "POST", body: `{"n":${i}}`, headers: { "Content-Type": "application/json" } }),
      new Promise((resolve) => setTimeout(resolve, 1000 / perSecond)),
    ]);
    expect(response.status).toBe(200);
    ids.push(response.headers.get("x-hookscope-request-id") ?? "");
  }
  return ids;
}

/** Records the id of every row the list ever draws, from now on (the list only draws rows near the view). */
async function recordDrawnRows(page: Page): Promise<() => Promise<string[]>> {
  await page.getByRole("listbox", { name: "Captured requests" }).evaluate((list) => {
    const seen = new Set<string>();
    (window as unknown as { __drawn: Set<string> }).__drawn = seen;
    const note = (node: Node) => node instanceof HTMLElement && node.dataset.requestId && seen.add(node.dataset.requestId);
    list.querySelectorAll("[data-request-id]").forEach(note);
    new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach(note))).observe(list, { childList: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { __drawn: Set<string> }).__drawn]);
}

async function scrollListBy(page: Page, pixels: number) {
  await page.getByRole("listbox", { name: "Captured requests" }).hover();
  await page.mouse.wheel(0, pixels);
  await expect.poll(() => listScroller(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(pixels / 2);
}

test.describe("live list", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test("a burst while a request is selected: every row is drawn and the newest stays in view", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const first = await capture(request, binId, { path: "/first" });
    // The first arrival in an empty bin is selected on its own; the user then picks it explicitly too.
    await expect(row(page, first)).toHaveAttribute("aria-selected", "true");
    await row(page, first).click();
    const drawn = await recordDrawnRows(page);

    const ids = await burst(binId, 60, 20);
    const newest = ids[ids.length - 1] as string;
    await expect(row(page, newest)).toBeInViewport();
    await expect(countLabel(page)).toHaveText("61");
    // Every arrival was drawn at the top as it came, none skipped while the list kept the selection.
    const seen = new Set(await drawn());
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    // The selection stayed where the user put it, and the list stayed at the top.
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/first");
    expect(new URL(page.url()).pathname).toBe(`/bins/${binId}/${first}`);
    expect(await listScroller(page).evaluate((el) => el.scrollTop)).toBe(0);
  });

  test("scrolled down on purpose: rows keep their place, and an 'N new' button goes back to the top", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await burst(binId, 40, 200, "/old");
    await expect(countLabel(page)).toHaveText("40");
    // The rate chart above the rows comes a moment later; once it is there the list stops moving.
    await expect(page.getByRole("img", { name: /^Request rate/ })).toBeVisible();
    await scrollListBy(page, 900);

    // The row at the top of the view, and where it is on screen.
    const anchorId = await listScroller(page).evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const rows = [...el.querySelectorAll<HTMLElement>("[data-request-id]")].filter((r) => r.getBoundingClientRect().top >= top);
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return rows[0]?.dataset.requestId ?? "";
    });
    const anchor = row(page, anchorId);
    const before = (await anchor.boundingBox())?.y;

    const fresh = await burst(binId, 5, 50, "/fresh");
    const pill = page.getByRole("button", { name: "5 new" });
    await expect(pill).toBeVisible();
    await expect(countLabel(page)).toHaveText("45");
    // No jump: what the user was reading is exactly where it was.
    expect((await anchor.boundingBox())?.y).toBe(before);
    await expect(row(page, fresh[4] as string)).not.toBeInViewport();

    await pill.click();
    await expect(row(page, fresh[4] as string)).toBeInViewport();
    await expect(pill).toHaveCount(0);
    // At the top again, new rows come in on top and show.
    const [next] = await burst(binId, 1, 50, "/next");
    await expect(row(page, next as string)).toBeInViewport();
    await expect(page.getByRole("button", { name: /new$/ })).toHaveCount(0);
  });

  test("follow newest selects each arrival, even scrolled down, and is remembered", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await burst(binId, 30, 200, "/old");
    await expect(countLabel(page)).toHaveText("30");
    const follow = page.getByRole("button", { name: "Follow newest" });
    await expect(follow).toHaveAttribute("aria-pressed", "false");
    await follow.click();
    await expect(follow).toHaveAttribute("aria-pressed", "true");

    await scrollListBy(page, 600);
    const id = await capture(request, binId, { path: "/followed" });
    await expect(row(page, id)).toHaveAttribute("aria-selected", "true");
    await expect(row(page, id)).toBeInViewport();
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/followed");
    // Following names no request in the address: the bin's own address is "the newest".
    expect(new URL(page.url()).pathname).toBe(`/bins/${binId}`);

    await page.reload();
    await expect(page.getByRole("button", { name: "Follow newest" })).toHaveAttribute("aria-pressed", "true");
    const ids = await burst(binId, 10, 20, "/again");
    const last = ids[ids.length - 1] as string;
    await expect(row(page, last)).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/again/9");
    // Selections the user did not make add no Back steps.
    expect(await page.evaluate(() => history.length)).toBeLessThan(5);
  });

  test("the header counts what the bin stores, live, and rows show the source address", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await burst(binId, 55, 200, "/n");
    await page.reload();
    // 50 rows are loaded; the bin stores 55.
    await expect(countLabel(page)).toHaveText("55");
    const id = await capture(request, binId, { path: "/one-more" });
    await expect(countLabel(page)).toHaveText("56");
    await row(page, id).click();
    await page.getByRole("button", { name: "Delete this request" }).click();
    await expect(row(page, id)).toHaveCount(0);
    await expect(countLabel(page)).toHaveText("55");

    const first = requestRows(page).first();
    await expect(first).toContainText("127.0.0.1");
    await expect(first.getByTitle("From 127.0.0.1")).toBeVisible();
  });
});

test.describe("bin card", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test("an empty bin shows the example once, unclipped", async ({ page }) => {
    await createBinInUi(page);
    await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy curl command" })).toHaveCount(1);
    const example = page.locator("pre").filter({ hasText: "curl -X POST" });
    await expect(example).toHaveCount(1);
    // Nothing hidden sideways: every line, with its trailing backslash, is on screen.
    expect(await example.evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
    await expect(example).toContainText("-H 'Content-Type: application/json' \\");
  });

  test("once requests exist the card folds to one line, and the choice is remembered", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await expect(page.getByRole("textbox", { name: "Share link" })).toBeVisible();
    await capture(request, binId, { path: "/first" });
    await expect(page.getByRole("textbox", { name: "Share link" })).toHaveCount(0);
    await expect(page.getByRole("textbox", { name: "Capture URL", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy capture URL" })).toBeVisible();
    expect((await binCard(page).boundingBox())?.height).toBeLessThan(64);
    // The list and the detail get the height: at 1440x900 about ten rows are in view.
    expect(await listScroller(page).evaluate((el) => el.clientHeight)).toBeGreaterThan(9 * 60);

    // Keyboard: Tab from the last action reaches the toggle, with a visible focus ring, and Enter opens it.
    await page.getByRole("button", { name: "Delete bin" }).focus();
    await page.keyboard.press("Tab");
    const toggle = page.getByRole("button", { name: "Show bin details" });
    await expect(toggle).toBeFocused();
    expect(await toggle.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Share link" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Hide bin details" })).toHaveAttribute("aria-expanded", "true");

    await page.reload();
    await expect(page.getByRole("textbox", { name: "Share link" })).toBeVisible();
    await page.getByRole("button", { name: "Hide bin details" }).click();
    await page.reload();
    await expect(page.getByRole("button", { name: "Show bin details" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Share link" })).toHaveCount(0);
  });

  test("the header links to the API docs", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "API docs" }).click();
    await page.waitForURL((url) => url.pathname === "/docs");
  });
});
