// The Raw tab for bodies of any size (text windowed, binary as hex) and the HAR export: HAR 1.2
// base64 content for binary bodies, byte-exact on import, and the answer Hookscope gave.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { captureBytes, createBinInUi, expect, openRequestTab, ownerToken, rawBody, requestRows, test } from "./fixtures";

const DIR = "test-results/screenshots";
const END_MARKER = "END-OF-THE-3-MB-BODY";

/** About 3 MB of compact JSON (one line, as webhooks send it), ending with a marker. */
function bigJson(): string {
  const items = Array.from({ length: 44_000 }, (_, i) => ({ id: `item_${i}`, sku: `SKU-${(i * 7919) % 100_000}`, qty: i % 9, note: "wide enough to wrap" }));
  const text = JSON.stringify({ event: "catalog.synced", items, end: END_MARKER });
  expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
  return text;
}

const rawView = (detail: Locator) => detail.getByLabel("Raw HTTP request", { exact: true });
const domText = (locator: Locator) => locator.evaluate((element) => element.textContent?.length ?? 0);

async function openBigJson(page: Page): Promise<{ binId: string; detail: Locator; body: string }> {
  const { binId } = await createBinInUi(page);
  const body = bigJson();
  await captureBytes(binId, { path: "/catalog", headers: { "Content-Type": "application/json" }, body });
  await expect(requestRows(page)).toHaveCount(1);
  const detail = await openRequestTab(page, "/catalog", "Raw");
  return { binId, detail, body };
}

test("a 3 MB JSON body is text in the Raw tab, drawn a window at a time", async ({ page }) => {
  const { binId, detail, body } = await openBigJson(page);
  const raw = rawView(detail);
  await expect(raw).toContainText(`POST /h/${binId}/catalog HTTP/1.1`);
  await expect(raw).toContainText('{"event":"catalog.synced","items":[{"id":"item_0"');
  await expect(detail).not.toContainText("binary");
  // Over 2 MiB the detail leaves the body out: its start comes first, through a Range request.
  await expect(detail.getByText(/^Showing the first 256 KiB of 3\.\d MiB\./)).toBeVisible();
  await detail.getByRole("button", { name: "Load the whole body" }).click();
  await expect(detail.getByText("Showing the first")).toHaveCount(0);
  await expect(detail.getByText(/^3\.\d MiB body, UTF-8 text\.$/)).toBeVisible();

  // Only the rows in view are in the DOM, also with the whole body loaded.
  expect(await domText(raw)).toBeLessThan(50_000);
  await expect(raw).not.toContainText(END_MARKER);
  await raw.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(raw).toContainText(`"end":"${END_MARKER}"}`);
  expect(await domText(raw)).toBeLessThan(50_000);
  expect(body.endsWith(`"end":"${END_MARKER}"}`)).toBe(true);
});

test("a binary body is a hex dump in the Raw tab", async ({ page }) => {
  const { binId } = await createBinInUi(page);
  const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]), randomBytes(4000)]);
  await captureBytes(binId, { path: "/blob", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
  const detail = await openRequestTab(page, "/blob", "Raw");
  await expect(rawView(detail)).toContainText(`POST /h/${binId}/blob HTTP/1.1`);
  await expect(detail.getByText(/^3\.9 KiB body, binary: shown as hex\.$/)).toBeVisible();
  await expect(detail.getByLabel("Hex dump")).toContainText("00000000  89 50 4e 47 00 ff");
});

test("HAR export: binary bodies as HAR base64 content, byte-exact on import, with the answer Hookscope gave", async ({ page, request }) => {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  const auth = { Authorization: `Bearer ${token}` };
  const binary = Buffer.concat([Buffer.from([0, 0xff, 0xc3, 0x28]), randomBytes(2000)]);
  const binaryId = await captureBytes(binId, { path: "/bytes", headers: { "Content-Type": "application/octet-stream" }, body: binary });
  const textId = await captureBytes(binId, { path: "/text", headers: { "Content-Type": "application/json" }, body: '{"name":"Zoë"}' });
  // A failure rule answers the next one with 503: the HAR says so, with the rule's name.
  const rule = { name: "outage drill", when: { kind: "always" }, action: { kind: "status", status: 503, body: null } };
  expect((await request.patch(`/api/bins/${binId}`, { headers: auth, data: { settings: { rules: [rule] } } })).status()).toBe(200);
  const failed = await request.post(`/h/${binId}/failed`, { data: "x" });
  expect(failed.status()).toBe(503);
  const failedId = failed.headers()["x-hookscope-request-id"];
  await expect(requestRows(page)).toHaveCount(3);

  // Through the inspector's Export menu, as a user downloads it.
  await requestRows(page).filter({ hasText: "/bytes" }).click();
  const detail = page.getByRole("region", { name: "Request detail" });
  await detail.getByRole("button", { name: "Export" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), detail.getByRole("menuitem", { name: "HAR 1.2" }).click()]);
  const single = JSON.parse(await readFile((await download.path()) ?? "", "utf8")) as Har;
  expect(single.log.entries).toHaveLength(1);
  expect(single.log.entries[0]!.request.postData).toEqual({ mimeType: "application/octet-stream", text: binary.toString("base64"), encoding: "base64" });

  const har = (await (await request.get(`/api/bins/${binId}/export?format=har`, { headers: auth })).json()) as Har;
  const entry = (id: string) => har.log.entries.find((e) => e._hookscope.id === id)!;
  expect(entry(textId).request.postData).toEqual({ mimeType: "application/json", text: '{"name":"Zoë"}' });
  expect(JSON.stringify(har)).not.toContain("_bodyBase64");
  expect(entry(binaryId).response).toMatchObject({ status: 200, statusText: "OK", headers: [{ name: "X-Hookscope-Request-Id", value: binaryId }] });
  expect(entry(binaryId).response.comment).toContain("the bin's configured response");
  expect(entry(failedId!).response).toMatchObject({ status: 503, statusText: "Service Unavailable" });
  expect(entry(failedId!).response.comment).toContain("outage drill");

  const imported = (await (await request.post("/api/bins/import", { data: har })).json()) as { id: string; ownerToken: string };
  const page2 = (await (await request.get(`/api/bins/${imported.id}/requests`, { headers: { Authorization: `Bearer ${imported.ownerToken}` } })).json()) as {
    requests: { id: string; path: string; responseStatus: number; responseRule: string | null }[];
  };
  const copy = (path: string) => page2.requests.find((r) => r.path === path)!;
  expect((await rawBody(request, imported.id, imported.ownerToken, copy("/bytes").id)).equals(binary), "binary body byte-exact").toBe(true);
  expect((await rawBody(request, imported.id, imported.ownerToken, copy("/text").id)).toString("utf8")).toBe('{"name":"Zoë"}');
  expect(copy("/failed")).toMatchObject({ responseStatus: 503, responseRule: "outage drill" });
});

interface Har {
  log: {
    entries: {
      request: { postData?: Record<string, string> };
      response: { status: number; statusText: string; headers: { name: string; value: string }[]; comment: string };
      _hookscope: { id: string };
    }[];
  };
}

for (const [name, options] of [
  ["light", { viewport: { width: 1440, height: 900 }, colorScheme: "light" }],
  ["dark", { viewport: { width: 1440, height: 900 }, colorScheme: "dark" }],
  ["mobile", { viewport: { width: 375, height: 812 }, colorScheme: "light" }],
] as const) {
  test.describe(`screenshot ${name}`, () => {
    test.use(options);
    test(`Raw tab with a 3 MB JSON (${name})`, async ({ page }) => {
      const { detail } = await openBigJson(page);
      await expect(detail.getByRole("button", { name: "Load the whole body" })).toBeVisible();
      await detail.getByRole("tab", { name: "Raw" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${DIR}/raw-3mb-${name}.png` });
    });
  });
}
