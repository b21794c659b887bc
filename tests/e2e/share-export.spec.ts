// Sharing (read-only link, rotation, owner link), copy-as commands, export and import.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { BASE_URL, captureBytes, captureRaw, createBinInUi, expect, openRequestTab, ownerToken, rawBody, requestRows, test } from "./fixtures";

test.describe("sharing", () => {
  test("a share link shows the bin live but cannot delete anything or see secrets", async ({ page, browser, request }) => {
    const { binId } = await createBinInUi(page);
    const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
    await captureBytes(binId, { path: "/shared", headers: { "Content-Type": "application/json" }, body: '{"a":1}' });
    const shareToken = new URLSearchParams(new URL(shareUrl).hash.slice(1)).get("share") ?? "";

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(shareUrl);
    await expect(viewer.getByText("Read-only shared view")).toBeVisible();
    await expect(requestRows(viewer)).toHaveCount(1);
    await expect(viewer.getByRole("button", { name: /delete|clear|rotate|settings/i })).toHaveCount(0);
    await expect(viewer.getByRole("textbox", { name: /Share link|Owner link/ })).toHaveCount(0);
    await expect(viewer.getByText(/owner link/i)).toHaveCount(0);
    // Read-only tools are there: export and copy-as.
    await expect(viewer.getByRole("button", { name: "Export bin" })).toBeVisible();

    const auth = { Authorization: `Bearer ${shareToken}` };
    const info = await (await request.get(`/api/bins/${binId}`, { headers: auth })).json();
    expect(info.role).toBe("viewer");
    expect(info.shareUrl).toBeUndefined();
    expect(JSON.stringify(info)).not.toContain(await ownerToken(page, binId));
    expect((await request.delete(`/api/bins/${binId}`, { headers: auth })).status()).not.toBe(204);
    expect((await request.delete(`/api/bins/${binId}/requests`, { headers: auth })).status()).not.toBe(204);
    expect((await request.post(`/api/bins/${binId}/share/rotate`, { headers: auth })).status()).not.toBe(200);
    await viewer.reload();
    await expect(requestRows(viewer)).toHaveCount(1);
    await viewerContext.close();
  });

  test("rotating the share link revokes the old one at once, live for connected viewers", async ({ page, browser }) => {
    const { binId } = await createBinInUi(page);
    const oldUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
    await captureBytes(binId, { path: "/before-rotate", body: "x" });

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(oldUrl);
    await expect(requestRows(viewer)).toHaveCount(1);
    await expect(viewer.getByRole("status", { name: /^Connection:/ })).toHaveText("Live");

    // With requests in the bin its card is folded (issue 11): open it to reach the share link.
    await page.getByRole("button", { name: "Show bin details" }).click();
    await page.getByRole("button", { name: "Rotate" }).click();
    await page.getByRole("dialog", { name: "Rotate the share link?" }).getByRole("button", { name: "Rotate link" }).click();
    await expect(page.getByRole("textbox", { name: "Share link", exact: true })).not.toHaveValue(oldUrl);
    const newUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
    expect(newUrl).toMatch(new RegExp(`/bins/${binId}#share=.+`));

    await expect(viewer.getByRole("heading", { name: "This share link is no longer valid" })).toBeVisible();
    await viewer.goto(oldUrl);
    await viewer.reload();
    await expect(viewer.getByRole("heading", { name: "Bin not found or link invalid" })).toBeVisible();
    await viewer.goto(newUrl);
    await viewer.reload();
    await expect(requestRows(viewer)).toHaveCount(1);
    // The owner is not affected.
    await expect(page.getByRole("status", { name: /^Connection:/ })).toHaveText("Live");
    await viewerContext.close();
  });

  test("an owner link opens the bin as owner in another browser and leaves the address bar", async ({ page, browser }) => {
    const { binId } = await createBinInUi(page);
    const token = await ownerToken(page, binId);
    const field = page.getByRole("textbox", { name: "Owner link" });
    await expect(field).toHaveValue(/#owner=•+$/);
    await page.getByRole("button", { name: "Reveal" }).click();
    const link = await field.inputValue();
    expect(link).toBe(`${BASE_URL}/bins/${binId}#owner=${token}`);

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(link);
    await expect(otherPage.getByRole("button", { name: "Delete bin" })).toBeVisible();
    expect(new URL(otherPage.url()).hash).toBe("");
    expect(await ownerToken(otherPage, binId)).toBe(token);

    // A wrong owner link is refused and stores nothing.
    await otherPage.evaluate(() => localStorage.clear());
    await otherPage.goto(`/bins/${binId}#owner=not-the-token`);
    await otherPage.reload();
    await expect(otherPage.getByRole("heading", { name: "Bin not found or link invalid" })).toBeVisible();
    expect(await otherPage.evaluate(() => localStorage.getItem("hookscope:bins"))).toBeNull();
    await other.close();
  });
});

test.describe("copy as", () => {
  test("the curl command sends the same method, headers in order and body byte for byte", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const body = `{"quote":"it's","dollar":"$HOME","tick":"\`id\`"}\n`;
    await captureRaw(binId, {
      method: "PATCH",
      path: "/copy/me?x=1&y=[2]",
      headers: { "Content-Type": "application/json", "X-Dup": ["one", "two"], "X-Empty": "" },
      body,
    });
    const detail = await openRequestTab(page, "/copy/me", "Copy as");
    const command = await detail.getByLabel("curl command").innerText();
    expect(command).toContain("-H 'X-Dup: one' \\\n  -H 'X-Dup: two'");
    for (const kind of ["HTTPie", "JavaScript fetch"]) {
      await detail.getByRole("button", { name: kind, exact: true }).click();
      await expect(detail.getByLabel(`${kind} command`)).toContainText("X-Dup");
    }

    // Run it: the replayed request must arrive exactly like the original.
    execFileSync("sh", ["-c", command], { stdio: "pipe" });
    await expect(requestRows(page)).toHaveCount(2);
    const token = await ownerToken(page, binId);
    const list = await (await request.get(`/api/bins/${binId}/requests`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const [replayed, original] = await Promise.all(
      list.requests.map(async (r: { id: string }) =>
        (await request.get(`/api/bins/${binId}/requests/${r.id}`, { headers: { Authorization: `Bearer ${token}` } })).json(),
      ),
    );
    expect(replayed.method).toBe("PATCH");
    expect(replayed.query).toBe(original.query);
    expect(replayed.bodyBase64).toBe(original.bodyBase64);
    const names = (r: { headers: [string, string][] }) => r.headers.filter(([n]) => !/^(host|content-length|connection)$/i.test(n));
    expect(names(replayed)).toEqual(names(original));
  });
});

test.describe("export and import", () => {
  test("a HAR export imports back into a new bin with byte-identical bodies", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    const bodies: Record<string, Buffer> = {
      "/text": Buffer.from("héllo ✓ text\n"),
      "/binary": Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x41]),
      "/empty": Buffer.alloc(0),
    };
    for (const [path, body] of Object.entries(bodies))
      await captureBytes(binId, { path, headers: { "Content-Type": "application/octet-stream", "X-Dup": ["a", "b"] }, body });
    await expect(requestRows(page)).toHaveCount(3);

    await page.getByRole("button", { name: "Export bin" }).click();
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "HAR 1.2" }).click();
    const download = await downloadPromise;
    const harPath = await download.path();
    const har = JSON.parse(await readFile(harPath, "utf8"));
    expect(har.log.version).toBe("1.2");
    expect(har.log.entries).toHaveLength(3);

    // One request as Hookscope JSON, from the detail pane.
    await requestRows(page).filter({ hasText: "/binary" }).click();
    await page.getByRole("region", { name: "Request detail" }).getByRole("button", { name: "Export" }).click();
    const jsonDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Hookscope JSON" }).click();
    expect((await readFile(await (await jsonDownload).path(), "utf8")).length).toBeGreaterThan(10);

    // The same request as a fixture set for `hookscope replay`: the exact bytes, base64.
    await page.getByRole("region", { name: "Request detail" }).getByRole("button", { name: "Export" }).click();
    const fixturesDownload = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Fixtures (for CI)" }).click();
    const fixtures = JSON.parse(await readFile(await (await fixturesDownload).path(), "utf8"));
    expect(fixtures.format).toBe("hookscope-fixtures");
    expect(fixtures.fixtures).toHaveLength(1);
    expect(Buffer.from(fixtures.fixtures[0].bodyBase64, "base64").equals(bodies["/binary"]!)).toBe(true);

    await page.goto("/");
    await page.getByLabel("HAR or JSON export file").setInputFiles({ name: "export.har", mimeType: "application/json", buffer: await readFile(harPath) });
    await page.waitForURL((url) => url.pathname.startsWith("/bins/") && !url.pathname.startsWith(`/bins/${binId}`));
    // `/bins/<id>`, or already `/bins/<id>/<requestId>` once the newest request is shown (issue 11).
    const importedId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2] ?? "");
    await expect(requestRows(page)).toHaveCount(3);

    const token = await ownerToken(page, importedId);
    const list = await (await request.get(`/api/bins/${importedId}/requests`, { headers: { Authorization: `Bearer ${token}` } })).json();
    for (const summary of list.requests as { id: string; path: string }[]) {
      const expected = bodies[summary.path];
      expect(expected, summary.path).toBeDefined();
      expect(Buffer.compare(await rawBody(request, importedId, token, summary.id), expected as Buffer), summary.path).toBe(0);
    }
  });

  test("an unreadable import file is refused with a message", async ({ page }) => {
    await page.goto("/");
    await page
      .getByLabel("HAR or JSON export file")
      .setInputFiles({ name: "junk.json", mimeType: "application/json", buffer: Buffer.from('{"not":"an export"}') });
    await expect(page.getByText(/^Could not import: /)).toBeVisible();
  });
});
