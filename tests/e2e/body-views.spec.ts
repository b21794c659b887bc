// Each body view, from a request really captured through /h/<bin>.
import { readFile } from "node:fs/promises";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { captureBytes, createBinInUi, expect, makePng, openRequestTab, ownerToken, rawBody, readClipboard, requestRows, test } from "./fixtures";

test.describe("body views", () => {
  test("JSON: a tree that collapses and expands, copies a path, and keeps big numbers and duplicate keys", async ({ page }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const { binId } = await createBinInUi(page);
    const body = '{"event":"order.paid","data":{"items":[{"sku":"A-1","qty":2}],"amount":12345678901234567890},"dup":1,"dup":2}';
    await captureBytes(binId, { path: "/json", headers: { "Content-Type": "application/json" }, body });
    const detail = await openRequestTab(page, "/json", /Body/);

    await expect(detail.getByRole("button", { name: "Tree", exact: true })).toHaveAttribute("aria-pressed", "true");
    const tree = detail.getByRole("list", { name: "JSON tree" });
    // Two levels open at first: items is there, its contents are not.
    await expect(tree.getByText('"items"')).toBeVisible();
    await expect(tree.getByText('"sku"')).toHaveCount(0);
    await expect(tree.getByText("12345678901234567890")).toBeVisible();
    await expect(tree.getByText("precision")).toBeVisible();
    await expect(tree.getByText("duplicate key")).toHaveCount(1);

    await detail.getByRole("button", { name: "Expand all" }).click();
    await expect(tree.getByText('"sku"')).toBeVisible();
    await detail.getByRole("button", { name: "Collapse data" }).click();
    await expect(tree.getByText('"items"')).toHaveCount(0);
    await detail.getByRole("button", { name: "Expand data" }).click();
    await expect(tree.getByText('"sku"')).toBeVisible();

    await tree.locator('[data-path="$.data.items[0].sku"] > div').hover();
    await detail.getByRole("button", { name: "Copy path $.data.items[0].sku" }).click();
    await expect.poll(() => readClipboard(page)).toBe("$.data.items[0].sku");
    await detail.getByRole("button", { name: "Copy value of $.data.amount" }).click({ force: true });
    await expect.poll(() => readClipboard(page)).toBe("12345678901234567890");

    await detail.getByRole("button", { name: "Collapse all" }).click();
    await expect(tree.getByText('"items"')).toHaveCount(0);

    // The pretty text is the body re-indented, nothing else changed.
    await detail.getByRole("button", { name: "Pretty", exact: true }).click();
    const pretty = detail.getByLabel("Pretty JSON", { exact: true });
    await expect(pretty).toContainText('"amount": 12345678901234567890');
    await expect(pretty).toContainText('"dup": 1,\n  "dup": 2');
  });

  test("invalid JSON shows the parse error with its line and column, and the text as received", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const body = '{\n  "a": 1,\n  "b": tru\n}';
    await captureBytes(binId, { path: "/bad-json", headers: { "Content-Type": "application/json" }, body });
    const detail = await openRequestTab(page, "/bad-json", /Body/);
    await expect(detail.getByRole("alert")).toContainText("Invalid JSON: Unexpected 't': expected a value at line 3, column 8.");
    await expect(detail.getByLabel("JSON error location")).toContainText('3 │   "b": tru');
    await expect(detail.getByLabel("Body text")).toHaveText(body);
  });

  test("XML is pretty-printed with text kept as written", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, {
      path: "/xml",
      headers: { "Content-Type": "application/xml; charset=utf-8" },
      body: '<?xml version="1.0"?><order id="7"><item sku="x">Tea &amp; cake</item><note/></order>',
    });
    const detail = await openRequestTab(page, "/xml", /Body/);
    await expect(detail.getByRole("button", { name: "XML", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(detail.getByLabel("Pretty XML", { exact: true })).toHaveText(
      ['<?xml version="1.0"?>', '<order id="7">', '<item sku="x">Tea &amp; cake</item>', "<note/>", "</order>"].join(""),
    );
    await expect(detail.getByLabel("Pretty XML", { exact: true }).getByText('<item sku="x">Tea &amp; cake</item>')).toHaveCSS("padding-left", /^[1-9]/);
  });

  test("a form body is a table of decoded fields in order, duplicates kept, text untouched", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const body = "a=1&b=hello+world&a=%E2%9C%93&flag&c=%3D%26";
    await captureBytes(binId, { path: "/form", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
    const detail = await openRequestTab(page, "/form", /Body/);
    await expect(detail.getByRole("button", { name: "Fields" })).toHaveAttribute("aria-pressed", "true");
    const rows = detail.getByRole("row");
    const aRows = rows.filter({ has: page.getByRole("rowheader", { name: "a", exact: true }) });
    await expect(aRows).toHaveCount(2);
    await expect(aRows.nth(0)).toContainText("1");
    await expect(aRows.nth(1)).toContainText("✓");
    await expect(rows.filter({ hasText: "hello world" })).toHaveCount(1);
    await expect(rows.filter({ has: page.getByRole("rowheader", { name: "flag" }) })).toContainText("no value (flag)");
    await expect(rows.filter({ has: page.getByRole("rowheader", { name: "c" }) })).toContainText("=&");
    await detail.getByRole("button", { name: "Text", exact: true }).click();
    await expect(detail.getByLabel("Body text")).toHaveText(body);
  });

  test("multipart shows each part with its headers; a binary file part downloads byte-exact", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    // Bytes that look like line breaks and boundaries must survive the round trip.
    const file = Buffer.concat([makePng(8, 8), Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a, 0xc3, 0x28])]);
    const boundary = "----hookscope7MA4YWxk";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello, multipart\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="pixel.png"\r\nContent-Type: image/png\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const id = await captureBytes(binId, { path: "/upload", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body });
    const detail = await openRequestTab(page, "/upload", /Body/);
    await expect(detail.getByRole("button", { name: "Parts" })).toHaveAttribute("aria-pressed", "true");
    const title = detail.getByRole("listitem", { name: "Part 1: title" });
    await expect(title.getByLabel("Text of title")).toHaveText("Hello, multipart");
    const upload = detail.getByRole("listitem", { name: "Part 2: upload" });
    await expect(upload).toContainText("pixel.png");
    await expect(upload).toContainText("image/png");
    await upload.getByText("2 part headers").click();
    await expect(upload).toContainText('form-data; name="upload"; filename="pixel.png"');

    const downloadPromise = page.waitForEvent("download");
    await upload.getByRole("button", { name: "Download pixel.png" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("pixel.png");
    expect(Buffer.compare(await readFile(await download.path()), file)).toBe(0);
    // And the whole body is stored as sent.
    expect(Buffer.compare(await rawBody(request, binId, await ownerToken(page, binId), id), body)).toBe(0);
  });

  test("truncated multipart and a wrong boundary say so clearly", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, {
      path: "/cut",
      headers: { "Content-Type": "multipart/form-data; boundary=abc" },
      body: '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\none\r\n--abc\r\nContent-Disposition: form-data; name="b"\r\n\r\ntwo and then the',
    });
    await captureBytes(binId, { path: "/wrong", headers: { "Content-Type": "multipart/form-data; boundary=nope" }, body: "--abc\r\n\r\nx\r\n--abc--" });
    let detail = await openRequestTab(page, "/cut", /Body/);
    await expect(detail.getByRole("alert")).toContainText('The body ends before the closing boundary "--abc--"');
    await expect(detail.getByRole("listitem", { name: "Part 2: b" })).toContainText("incomplete");
    detail = await openRequestTab(page, "/wrong", /Body/);
    await expect(detail.getByRole("alert")).toContainText('The boundary "nope" from the Content-Type never starts a line');
  });

  test("a PNG is previewed from its magic bytes, whatever the declared type", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, { path: "/png", headers: { "Content-Type": "application/octet-stream" }, body: makePng(48, 32) });
    const detail = await openRequestTab(page, "/png", /Body/);
    await expect(detail.getByRole("button", { name: "Image" })).toHaveAttribute("aria-pressed", "true");
    const image = detail.getByRole("img", { name: "Body image preview" });
    await expect(image).toHaveAttribute("src", /^blob:/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await expect(detail).toContainText("image/png · 48 × 32 px");
  });

  test("SVG and HTML bodies are shown as source text and their scripts never run", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    page.on("dialog", (dialog) => {
      throw new Error(`unexpected dialog: ${dialog.message()}`);
    });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=2</script><circle r="5"/></svg>';
    const html =
      '<!doctype html><html><body><script>window.__pwned=3</script><img src=x onerror="window.__pwned=4"><iframe srcdoc="<script>parent.__pwned=5</script>"></iframe></body></html>';
    await captureBytes(binId, { path: "/svg", headers: { "Content-Type": "image/svg+xml" }, body: svg });
    await captureBytes(binId, { path: "/html", headers: { "Content-Type": "text/html" }, body: html });
    let detail = await openRequestTab(page, "/svg", /Body/);
    await expect(detail.getByLabel("Body text")).toHaveText(svg);
    await expect(detail.getByRole("button", { name: "Image" })).toHaveCount(0);
    await expect(detail).toContainText("Markup is shown as source text and never rendered.");
    detail = await openRequestTab(page, "/html", /Body/);
    await expect(detail.getByLabel("Body text")).toHaveText(html);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expect(page.locator('main img, main iframe, main object, main embed, main circle[r="5"]')).toHaveCount(0);
  });

  test("binary bodies get a hex dump with offsets and an ASCII column", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const bytes = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x41, 0x42, 0x43, 0x0a, 0x7f, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0]);
    await captureBytes(binId, { path: "/bin", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
    const detail = await openRequestTab(page, "/bin", /Body/);
    await expect(detail.getByRole("button", { name: "Hex" })).toHaveAttribute("aria-pressed", "true");
    await expect(detail.getByLabel("Hex dump")).toHaveText(
      "00000000  00 01 02 ff fe 41 42 43  0a 7f 80 90 a0 b0 c0 d0  |.....ABC........|\n00000010  e0                                                |.|",
    );
    await expect(detail).toContainText("Not valid UTF-8 (first invalid byte at offset 3)");
  });

  test("a gzip or br body offers a decoded view next to the raw bytes; a broken one says why", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    await captureBytes(binId, {
      path: "/gz",
      headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: gzipSync('{"compressed":true,"n":42}'),
    });
    await captureBytes(binId, { path: "/broken-gz", headers: { "Content-Type": "text/plain", "Content-Encoding": "gzip" }, body: "this is not gzip at all" });
    await captureBytes(binId, { path: "/br", headers: { "Content-Type": "text/plain", "Content-Encoding": "br" }, body: brotliCompressSync("hello brotli") });

    let detail = await openRequestTab(page, "/gz", /Body/);
    await expect(detail.getByRole("button", { name: "Decoded (gzip)" })).toHaveAttribute("aria-pressed", "true");
    await expect(detail.getByRole("list", { name: "JSON tree" })).toContainText('"compressed": true');
    await detail.getByRole("button", { name: "Raw bytes" }).click();
    await expect(detail.getByLabel("Hex dump")).toContainText("00000000  1f 8b 08");

    detail = await openRequestTab(page, "/broken-gz", /Body/);
    await detail.getByRole("button", { name: "Decoded (gzip)" }).click();
    await expect(detail.getByRole("alert")).toContainText("Could not decode gzip");
    await expect(detail.getByLabel("Body text")).toHaveText("this is not gzip at all");

    detail = await openRequestTab(page, "/br", /Body/);
    // Chromium cannot undo br itself: the server's /decoded endpoint does.
    await expect(detail.getByText("hello brotli").first()).toBeVisible();
  });

  test("a multi-megabyte body shows its first part at once and the rest on demand", async ({ page }) => {
    const { binId } = await createBinInUi(page);
    const line = "0123456789abcdefghijklmnopqrstuvwxyz ".repeat(2) + "\n";
    const body = line.repeat(Math.ceil((3 * 1024 * 1024) / line.length)) + "THE END";
    await captureBytes(binId, { path: "/big", headers: { "Content-Type": "text/plain" }, body });
    const detail = await openRequestTab(page, "/big", /Body/);
    await expect(detail).toContainText("Showing the first 256 KiB of 3.0 MiB.");
    await expect(detail.getByLabel("Body text")).not.toContainText("THE END");
    await detail.getByRole("button", { name: "Load the whole body" }).first().click();
    await expect(detail).not.toContainText("Showing the first 256 KiB");
    await detail.getByRole("button", { name: "Show all" }).click();
    await expect(detail.getByLabel("Body text")).toContainText("THE END");
    await detail.getByRole("button", { name: "Hex" }).click();
    // The 3 MiB dump is windowed: only a screenful of lines is in the DOM.
    const dumpText = await detail.getByLabel("Hex dump").innerText();
    expect(dumpText.split("\n").length).toBeLessThan(200);
    await expect(requestRows(page)).toHaveCount(1);
  });
});
