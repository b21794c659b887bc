import type { Page, WebSocketRoute } from "@playwright/test";
import { capture, captureRaw, createBinInUi, expect, liveIndicator, requestRows, rowIds, test } from "./fixtures";

test.describe("inspector", () => {
  test("a captured request appears live and shows its headers, query and body", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
    await expect(liveIndicator(page)).toHaveText("Live");

    const id = await captureRaw(binId, {
      path: "/github/push?tag=a&tag=b&msg=hello%20world",
      headers: { "Content-Type": "application/json", "X-Custom-Test": "custom-value", "X-Dup": ["first", "second"] },
      body: JSON.stringify({ event: "push", big: 1, nested: { ok: true } }),
    });

    // No reload anywhere in this test: the row must arrive over the socket.
    await expect(requestRows(page)).toHaveCount(1);
    const row = requestRows(page).first();
    await expect(row).toContainText("POST");
    await expect(row).toContainText("/github/push");
    await row.click();
    await expect(row).toHaveAttribute("aria-selected", "true");

    const detail = page.getByRole("region", { name: "Request detail" });
    await expect(detail.getByText(id)).toBeVisible();

    await detail.getByRole("tab", { name: /Headers/ }).click();
    const headerRows = detail.getByRole("row");
    await expect(headerRows.filter({ hasText: "X-Custom-Test" })).toContainText("custom-value");
    // Repeated headers are separate rows, in the order sent.
    const dupRows = headerRows.filter({ has: page.getByRole("rowheader", { name: "X-Dup", exact: true }) });
    await expect(dupRows).toHaveCount(2);
    await expect(dupRows.nth(0)).toContainText("first");
    await expect(dupRows.nth(1)).toContainText("second");

    await detail.getByRole("tab", { name: /Query/ }).click();
    const tagRows = detail.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "tag", exact: true }) });
    await expect(tagRows).toHaveCount(2);
    await expect(detail.getByRole("row").filter({ hasText: "msg" })).toContainText("hello world");

    await detail.getByRole("tab", { name: /Body/ }).click();
    await expect(detail.getByRole("button", { name: "Tree", exact: true })).toHaveAttribute("aria-pressed", "true");
    await detail.getByRole("button", { name: "Pretty", exact: true }).click();
    await expect(detail.getByLabel("Pretty JSON", { exact: true })).toContainText('"event": "push"');
    await expect(detail.getByLabel("Pretty JSON", { exact: true })).toContainText('"nested": {\n    "ok": true\n  }');

    await detail.getByRole("tab", { name: "Raw" }).click();
    const raw = detail.getByLabel("Raw HTTP request");
    await expect(raw).toContainText(`POST /h/${binId}/github/push?tag=a&tag=b&msg=hello%20world HTTP/1.1`);
    await expect(raw).toContainText("X-Dup: first");
    await expect(raw).toContainText("X-Dup: second");
  });

  test("HTML in a body or header is shown as text and never runs", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    page.on("dialog", (dialog) => {
      throw new Error(`unexpected dialog: ${dialog.message()}`);
    });
    const payload = `<html><body><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><svg onload="window.__pwned=3"></svg></body></html>`;
    await capture(request, binId, {
      path: "/xss",
      headers: { "Content-Type": "text/html", "X-Evil": `<img src=x onerror="window.__pwned=4">` },
      body: payload,
    });
    await expect(requestRows(page)).toHaveCount(1);
    await requestRows(page).first().click();

    const detail = page.getByRole("region", { name: "Request detail" });
    await detail.getByRole("tab", { name: /Body/ }).click();
    await expect(detail.getByLabel("Body text")).toHaveText(payload);
    await detail.getByRole("tab", { name: /Headers/ }).click();
    await expect(detail.getByText(`<img src=x onerror="window.__pwned=4">`)).toBeVisible();
    await detail.getByRole("tab", { name: "Raw" }).click();
    await expect(detail.getByLabel("Raw HTTP request")).toContainText("<script>window.__pwned=1</script>");

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // The app itself renders no images and no frames: any would have come from captured data.
    await expect(page.locator("img, iframe, object, embed")).toHaveCount(0);
    await expect(page.locator("main script")).toHaveCount(0);
  });

  test("binary bodies are shown as a hex dump with a raw download", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x41]);
    await capture(request, binId, { path: "/upload", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
    await requestRows(page).first().click();
    const detail = page.getByRole("region", { name: "Request detail" });
    await detail.getByRole("tab", { name: /Body/ }).click();
    // The bytes start like a PNG, so the image view comes first; the dump is one click away.
    await detail.getByRole("button", { name: "Hex", exact: true }).click();
    await expect(detail.getByLabel("Hex dump")).toHaveText("00000000  89 50 4e 47 0d 0a 1a 0a  00 ff fe 41              |.PNG.......A|");
    const downloadPromise = page.waitForEvent("download");
    await detail.getByRole("button", { name: "Download raw" }).click();
    const download = await downloadPromise;
    const saved = await download.path();
    const { readFile } = await import("node:fs/promises");
    expect(Buffer.compare(await readFile(saved), bytes)).toBe(0);
    await detail.getByRole("tab", { name: "Raw" }).click();
    // The Raw tab shows the head as text and a binary body as hex (raw-har.spec.ts has the large cases).
    await expect(detail.getByText("12 B body, binary: shown as hex.")).toBeVisible();
    await expect(detail.getByLabel("Hex dump")).toContainText("00000000  89 50 4e 47 0d 0a 1a 0a  00 ff fe 41");
  });

  test("older requests load page by page", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    for (let i = 0; i < 53; i++) await capture(request, binId, { path: `/n/${i}`, body: String(i) });
    await page.reload();
    const count = page.getByRole("region", { name: "Requests" }).getByLabel(/^\d+( or more)? requests$/);
    // The header counts what the bin stores (issue 11), not the 50 rows loaded.
    await expect(count).toHaveText("53");
    await expect(requestRows(page).first()).toContainText("/n/52");
    // Only the rows on screen are in the DOM.
    expect(await requestRows(page).count()).toBeLessThan(50);
    await expect(page.getByRole("button", { name: "Load older requests" })).toBeVisible();
    // Reaching the end of the loaded rows fetches the next page by itself. (Clicking the button raced
    // that fetch, which removes the button, once the count no longer waited for the page: issue 11.)
    const list = page.getByRole("listbox", { name: "Captured requests" });
    await list.press("End");
    await expect(page.getByRole("button", { name: "Load older requests" })).toHaveCount(0);
    await list.press("End");
    await expect(requestRows(page).last()).toContainText("/n/0");
  });

  test("the owner deletes one request and clears the rest", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await capture(request, binId, { path: "/one" });
    await capture(request, binId, { path: "/two" });
    await capture(request, binId, { path: "/three" });
    await expect(requestRows(page)).toHaveCount(3);

    // Arrow keys walk the list like a mail client.
    await requestRows(page).filter({ hasText: "/three" }).click();
    await page.keyboard.press("ArrowDown");
    await expect(requestRows(page).filter({ hasText: "/two" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("region", { name: "Request detail" })).toContainText("/two");

    await page.getByRole("button", { name: "Delete this request" }).click();
    await expect(requestRows(page)).toHaveCount(2);
    await expect(requestRows(page).filter({ hasText: "/two" })).toHaveCount(0);
    // The selection moves to the next (older) row.
    await expect(requestRows(page).filter({ hasText: "/one" })).toHaveAttribute("aria-selected", "true");

    await page.getByRole("button", { name: "Clear all" }).click();
    const dialog = page.getByRole("dialog", { name: "Clear all requests?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(requestRows(page)).toHaveCount(2);
    await page.getByRole("button", { name: "Clear all" }).click();
    await dialog.getByRole("button", { name: "Clear all" }).click();
    await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Waiting for the first request" })).toBeVisible();
  });
});

test.describe("live catch-up", () => {
  /**
   * Proxies the socket.io websocket so the test can cut it and hold reconnects back. A held attempt
   * stays pending (like a connect into a dead network) and goes through once the "network" is back.
   * Closing it instead would not be realistic: Playwright's mock closes without the error event a
   * refused browser connection fires, and socket.io-client then waits out its 20 s connect timeout.
   */
  async function controllableSocket(page: Page) {
    let outage: { over: Promise<void>; end(): void } | null = null;
    const open: { client: WebSocketRoute; server: WebSocketRoute }[] = [];
    let attemptsDuringOutage = 0;
    await page.routeWebSocket(/\/socket\.io\//, async (client) => {
      if (outage) {
        attemptsDuringOutage++;
        await outage.over;
      }
      open.push({ client, server: client.connectToServer() });
    });
    // socket.io could fall back to long-polling; refuse that while the outage lasts.
    await page.route(/\/socket\.io\/.*transport=polling/, (route) => (outage ? route.abort("connectionrefused") : route.continue()));
    return {
      async drop() {
        let end = () => {};
        const over = new Promise<void>((resolve) => (end = resolve));
        outage = { over, end };
        for (const { client, server } of open.splice(0)) {
          await server.close();
          await client.close({ code: 1001, reason: "test: dropped" });
        }
      },
      restore() {
        const current = outage;
        outage = null;
        current?.end();
      },
      attemptsDuringOutage: () => attemptsDuringOutage,
    };
  }

  for (const before of [1, 0]) {
    test(`requests sent while disconnected appear exactly once (${before} before the outage)`, async ({ page, request }) => {
      const socket = await controllableSocket(page);
      const { binId } = await createBinInUi(page);
      await expect(liveIndicator(page)).toHaveText("Live");
      const earlier: string[] = [];
      for (let i = 0; i < before; i++) earlier.push(await capture(request, binId, { path: "/before" }));
      await expect(requestRows(page)).toHaveCount(before);

      await socket.drop();
      await expect(liveIndicator(page)).toHaveText(/Offline/);
      const missed: string[] = [];
      for (let i = 0; i < 3; i++) missed.push(await capture(request, binId, { path: `/missed/${i}` }));
      // Proves the outage is real: nothing may arrive while the socket is down.
      await page.waitForTimeout(1_500);
      await expect(requestRows(page)).toHaveCount(before);
      // The client did try to come back while the outage lasted.
      await expect.poll(socket.attemptsDuringOutage).toBeGreaterThan(0);

      socket.restore();
      await expect(liveIndicator(page)).toHaveText("Live", { timeout: 15_000 });
      await expect(requestRows(page)).toHaveCount(before + 3);
      const ids = await rowIds(page);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...earlier, ...missed].sort());
      // Newest on top.
      expect(ids).toEqual([...ids].sort().reverse());

      // And the connection is really live again.
      const after = await capture(request, binId, { path: "/after" });
      await expect(requestRows(page)).toHaveCount(before + 4);
      expect((await rowIds(page))[0]).toBe(after);
    });
  }
});

test.describe("access", () => {
  test("a share-link viewer sees requests live but no mutating controls", async ({ page, browser, request }) => {
    const { binId } = await createBinInUi(page);
    const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
    expect(shareUrl).toMatch(new RegExp(`/bins/${binId}#share=.+`));
    await capture(request, binId, { path: "/shared", headers: { "Content-Type": "application/json" }, body: '{"a":1}' });

    // A fresh context has no owner token in storage: only the fragment grants access.
    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(shareUrl);
    await expect(viewer.getByText("Read-only shared view")).toBeVisible();
    await expect(requestRows(viewer)).toHaveCount(1);
    await capture(request, binId, { path: "/shared-live" });
    await expect(requestRows(viewer)).toHaveCount(2);
    await requestRows(viewer).filter({ hasText: "/shared" }).first().click();
    await expect(viewer.getByRole("region", { name: "Request detail" }).getByRole("tab", { name: "Overview" })).toBeVisible();

    await expect(viewer.getByRole("button", { name: /delete|clear/i })).toHaveCount(0);
    await expect(viewer.getByRole("textbox", { name: "Share link" })).toHaveCount(0);
    await viewerContext.close();
  });

  test("without a token an unknown bin and a private one look alike; a bad token is not found", async ({ page, browser }) => {
    // Issue 11: with no token at all the page says what access takes instead of "not found".
    await page.goto("/bins/nosuchbin000000000000");
    await expect(page.getByRole("heading", { name: "This bin is private" })).toBeVisible();

    const { binId } = await createBinInUi(page);
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`/bins/${binId}#share=not-the-token`);
    await expect(strangerPage.getByRole("heading", { name: "Bin not found or link invalid" })).toBeVisible();
    await strangerPage.goto(`/bins/${binId}`);
    await expect(strangerPage.getByRole("heading", { name: "This bin is private" })).toBeVisible();
    await stranger.close();
  });
});
