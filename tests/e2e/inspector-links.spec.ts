// A URL per request (issue 11, finding 2): `/bins/<binId>/<requestId>` follows the selection, works
// with Back/Forward and share links, and a browser without access is told what it needs.
import type { Browser, Page } from "@playwright/test";
import { capture, createBinInUi, expect, ownerToken, requestRows, test } from "./fixtures";

const row = (page: Page, requestId: string) => page.locator(`[role="option"][data-request-id="${requestId}"]`);
const detail = (page: Page) => page.getByRole("region", { name: "Request detail" });
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** A browser that has never seen the bin, optionally holding its owner token as the creating browser does. */
async function otherBrowser(browser: Browser, owned?: { binId: string; token: string }) {
  const context = await browser.newContext();
  if (owned) {
    await context.addInitScript(({ binId, token }) => {
      localStorage.setItem("hookscope:bins", JSON.stringify([{ id: binId, ownerToken: token, createdAt: new Date().toISOString() }]));
    }, owned);
  }
  return context;
}

test.describe("request links", () => {
  test("selecting a request puts it in the address; Back and Forward move between requests", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const a = await capture(request, binId, { path: "/a" });
    // The first arrival is shown on its own; not picked by the user, it is not put in the address.
    await expect(row(page, a)).toHaveAttribute("aria-selected", "true");
    expect(pathOf(page)).toBe(`/bins/${binId}`);
    const b = await capture(request, binId, { path: "/b" });
    const c = await capture(request, binId, { path: "/c" });
    await expect(requestRows(page)).toHaveCount(3);

    await row(page, b).click();
    await expect.poll(() => pathOf(page)).toBe(`/bins/${binId}/${b}`);
    await row(page, c).click();
    await expect.poll(() => pathOf(page)).toBe(`/bins/${binId}/${c}`);
    await expect(detail(page)).toContainText("/c");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await page.goBack();
    await expect.poll(() => pathOf(page)).toBe(`/bins/${binId}/${b}`);
    await expect(row(page, b)).toHaveAttribute("aria-selected", "true");
    await expect(detail(page)).toContainText("/b");
    // Back to the bin's own address: no request named, the newest is shown.
    await page.goBack();
    await expect.poll(() => pathOf(page)).toBe(`/bins/${binId}`);
    await expect(row(page, c)).toHaveAttribute("aria-selected", "true");
    await page.goForward();
    await expect(row(page, b)).toHaveAttribute("aria-selected", "true");
    await expect(detail(page)).toContainText("/b");
    // Still the same live page: no reload happened on the way.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const d = await capture(request, binId, { path: "/d" });
    await expect(row(page, d)).toBeVisible();

    // A reload opens the request in the address.
    await page.reload();
    await expect(row(page, b)).toHaveAttribute("aria-selected", "true");
    await expect(detail(page)).toContainText("/b");
  });

  test("opened elsewhere, a request URL explains what is needed; with the owner token it opens the request", async ({ page, request, browser }) => {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const oldest = await capture(request, binId, { path: "/oldest" });
    for (let i = 0; i < 54; i++) await capture(request, binId, { path: `/n/${i}` });
    const middle = await capture(request, binId, { path: "/middle" });
    await capture(request, binId, { path: "/newest" });

    const stranger = await otherBrowser(browser);
    try {
      const strangerPage = await stranger.newPage();
      await strangerPage.goto(`/bins/${binId}/${middle}`);
      await expect(strangerPage.getByRole("heading", { name: "This bin is private" })).toBeVisible();
      await expect(strangerPage.getByRole("main")).toContainText("browser that created it");
      await expect(strangerPage.getByRole("main")).toContainText("#share=");
      await expect(requestRows(strangerPage)).toHaveCount(0);
    } finally {
      await stranger.close();
    }

    const owner = await otherBrowser(browser, { binId, token });
    try {
      const ownerPage = await owner.newPage();
      await ownerPage.goto(`/bins/${binId}/${middle}`);
      await expect(row(ownerPage, middle)).toHaveAttribute("aria-selected", "true");
      await expect(detail(ownerPage)).toContainText("/middle");
      expect(pathOf(ownerPage)).toBe(`/bins/${binId}/${middle}`);
      // Older than the first page of the list: the request still opens.
      await ownerPage.goto(`/bins/${binId}/${oldest}`);
      await expect(detail(ownerPage)).toContainText("/oldest");
      await expect(detail(ownerPage).getByText(oldest)).toBeVisible();
      expect(pathOf(ownerPage)).toBe(`/bins/${binId}/${oldest}`);
    } finally {
      await owner.close();
    }
  });

  test("share links work with request URLs, and keep the share token as the viewer moves", async ({ page, request, browser }) => {
    const { binId } = await createBinInUi(page);
    const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
    const hash = new URL(shareUrl).hash;
    const a = await capture(request, binId, { path: "/a" });
    const b = await capture(request, binId, { path: "/b" });

    const viewerContext = await otherBrowser(browser);
    try {
      const viewer = await viewerContext.newPage();
      await viewer.goto(`/bins/${binId}/${a}${hash}`);
      await expect(viewer.getByText("Read-only shared view")).toBeVisible();
      await expect(row(viewer, a)).toHaveAttribute("aria-selected", "true");
      await expect(detail(viewer)).toContainText("/a");
      await row(viewer, b).click();
      await expect.poll(() => viewer.url()).toMatch(new RegExp(`/bins/${binId}/${b}#share=`));
      await viewer.reload();
      await expect(row(viewer, b)).toHaveAttribute("aria-selected", "true");
      await expect(detail(viewer)).toContainText("/b");
      await viewer.goBack();
      await expect(detail(viewer)).toContainText("/a");
    } finally {
      await viewerContext.close();
    }
  });
});
