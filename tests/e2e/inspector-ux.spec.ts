// Theme, keyboard, compare, narrow screens and very long lists.
import type { Page, Route } from "@playwright/test";
import { capture, captureBytes, createBinInUi, expect, requestRows, test } from "./fixtures";

const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

test.describe("inspector ux", () => {
  test("dark mode: system by default, a persisted toggle, no flash on load", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    // Records the theme class at the moment <body> first exists, i.e. before any paint of it.
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.body) {
          (window as unknown as { __firstBodyClass: string }).__firstBodyClass = document.documentElement.className;
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto("/");
    const theme = page.getByRole("radiogroup", { name: "Theme" });
    await expect(theme.getByRole("radio", { name: "System theme" })).toHaveAttribute("aria-checked", "true");
    expect(await isDark(page)).toBe(false);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => isDark(page)).toBe(true);

    await theme.getByRole("radio", { name: "Light theme" }).click();
    expect(await isDark(page)).toBe(false);
    await theme.getByRole("radio", { name: "Dark theme" }).click();
    expect(await isDark(page)).toBe(true);
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { __firstBodyClass: string }).__firstBodyClass)).toContain("dark");
    // Tailwind's zinc-950, as lab(): a lightness near 0.
    const background = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(Number(/lab\(([\d.]+)/.exec(background)?.[1] ?? 100)).toBeLessThan(10);
    await expect(theme.getByRole("radio", { name: "Dark theme" })).toHaveAttribute("aria-checked", "true");
    await theme.getByRole("radio", { name: "System theme" }).click();
    expect(await isDark(page)).toBe(false);
  });

  test("keyboard: j and k step through requests, / searches, ? lists the keys, Escape closes", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    for (const path of ["/one", "/two", "/three"]) await capture(request, binId, { path });
    await expect(requestRows(page)).toHaveCount(3);
    const selected = () => page.getByRole("option", { selected: true });
    await requestRows(page).filter({ hasText: "/three" }).click();
    await expect(selected()).toContainText("/three");
    await page.keyboard.press("j");
    await expect(selected()).toContainText("/two");
    await page.keyboard.press("j");
    await expect(selected()).toContainText("/one");
    await page.keyboard.press("k");
    await expect(selected()).toContainText("/two");
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/two");

    await page.keyboard.press("/");
    const search = page.getByRole("searchbox", { name: "Search body text" });
    await expect(search).toBeFocused();
    await page.keyboard.type("jk");
    await expect(search).toHaveValue("jk");
    await expect(selected()).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(search).not.toBeFocused();
    await search.fill("");
    await expect(requestRows(page)).toHaveCount(3);
    await search.blur();

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Next (older) request");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
  });

  test("compare two requests: a differing header and body lines are highlighted", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, {
      path: "/cmp/a",
      headers: { "Content-Type": "application/json", "X-Sig": "sig-a", "X-Only-A": "1" },
      body: '{"id":1,"status":"pending","total":10}',
    });
    await captureBytes(binId, {
      path: "/cmp/b",
      headers: { "Content-Type": "application/json", "X-Sig": "sig-b" },
      body: '{"id":1,"status":"paid","total":10}',
    });
    await expect(requestRows(page)).toHaveCount(2);
    await requestRows(page).filter({ hasText: "/cmp/a" }).getByRole("checkbox").check();
    // Shift-click marks too.
    await requestRows(page)
      .filter({ hasText: "/cmp/b" })
      .click({ modifiers: ["Shift"] });
    const bar = page.getByRole("toolbar", { name: "Marked requests" });
    await expect(bar).toContainText("2 marked");
    await bar.getByRole("button", { name: "Compare" }).click();

    const compare = page.getByRole("region", { name: "Compare requests" });
    const headers = compare.getByRole("region", { name: "Headers comparison" });
    await expect(headers.locator('tr[data-diff="changed"]').filter({ hasText: "X-Sig" })).toContainText("sig-a");
    await expect(headers.locator('tr[data-diff="changed"]').filter({ hasText: "X-Sig" })).toContainText("sig-b");
    await expect(headers.locator('tr[data-diff="left-only"]')).toContainText("X-Only-A");
    await expect(headers.locator('tr[data-diff="same"]').filter({ hasText: "Content-Type" })).toHaveCount(1);
    const bodyDiff = compare.getByRole("table", { name: "Body differences" });
    await expect(bodyDiff.locator('tr[data-diff="changed"]')).toHaveCount(1);
    await expect(bodyDiff.locator('tr[data-diff="changed"]')).toContainText('"status": "pending"');
    await expect(bodyDiff.locator('tr[data-diff="changed"]')).toContainText('"status": "paid"');

    await page.keyboard.press("Escape");
    await expect(compare).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Request detail" })).toBeVisible();
  });

  test("at 375 px wide everything fits without sideways scrolling", async ({ page, request }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    const { binId } = await createBinInUi(page);
    await capture(request, binId, {
      path: "/mobile/a/rather/long/path/that/could/overflow?with=query&and=more",
      headers: { "Content-Type": "application/json" },
      body: '{"long":"' + "x".repeat(200) + '"}',
    });
    await requestRows(page).first().click();
    await page.getByRole("region", { name: "Request detail" }).getByRole("tab", { name: /Body/ }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/375-inspector-full.png", fullPage: true });
    await page.goto("/");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/375-home.png", fullPage: true });
  });

  test("10,000 requests scroll smoothly: only the visible rows are in the DOM", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const template = {
      binId,
      method: "POST",
      query: "",
      contentType: "application/json",
      bodySize: 42,
      remoteAddress: "127.0.0.1",
      responseStatus: 200,
      responseRule: null,
      verdict: "no_secret",
      signature: "no_secret",
      freshness: "not_checked",
      replaySuspected: false,
      duplicateOf: null,
      authFailure: null,
      sourceFailure: null,
      plainHttp: false,
      eventType: null,
      shapeDrift: null,
      schemaResult: null,
      checksPending: false,
    };
    const requests = Array.from({ length: 10_000 }, (_, i) => {
      const n = 10_000 - i;
      return {
        ...template,
        id: `zzzzzzzzzzzz${String(n).padStart(10, "0")}`,
        path: `/row/${n}`,
        sequence: n,
        receivedAt: new Date(Date.now() - i * 1000).toISOString(),
      };
    });
    // The list API answers with all 10,000 at once: the point is the rendering, not the paging.
    await page.route(new RegExp(`/api/bins/${binId}/requests(\\?|$)`), (route: Route) => route.fulfill({ json: { requests, nextBefore: null } }));
    await page.reload();
    const count = page.getByRole("region", { name: "Requests" }).getByLabel(/^\d+( or more)? requests$/);
    await expect(count).toHaveText("10000");
    expect(await requestRows(page).count()).toBeLessThan(60);

    const list = page.getByRole("listbox", { name: "Captured requests" });
    await list.focus();
    const started = Date.now();
    await list.press("End");
    await expect(page.locator('[data-request-id="zzzzzzzzzzzz0000000001"]')).toBeVisible();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -3000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await requestRows(page).count()).toBeLessThan(60);
    await list.press("Home");
    await expect(requestRows(page).first()).toContainText("/row/10000");
  });
});
