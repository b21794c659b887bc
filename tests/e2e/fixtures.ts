// Shared helpers for the browser suite: every test creates its own bin, so tests can run in parallel.
import http, { type OutgoingHttpHeaders } from "node:http";
import { deflateSync } from "node:zlib";
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/**
 * `test` with a page that fails the test on any uncaught exception or console error (hydration
 * mismatches, React key warnings...). The browser's own "Failed to load resource" lines are
 * expected: the not-found states are reached through 404 answers.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(`console.error: ${message.text()}`);
      }
    });
    await use(page);
    expect(problems, "errors in the browser console").toEqual([]);
  },
});
export { expect };

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3123}`;

export interface UiBin {
  binId: string;
  captureUrl: string;
}

/** Creates a bin the way a user does: the button on the home page. */
export async function createBinInUi(page: Page): Promise<UiBin> {
  await page.goto("/");
  await page.getByRole("button", { name: "Create a bin" }).click();
  await page.waitForURL(/\/bins\/[^/#?]+$/);
  const binId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  const captureUrl = await page.getByRole("textbox", { name: "Capture URL", exact: true }).inputValue();
  expect(captureUrl).toBe(`${BASE_URL}/h/${binId}`);
  return { binId, captureUrl };
}

/** The rows of the live request list. */
export function requestRows(page: Page): Locator {
  return page.getByRole("listbox", { name: "Captured requests" }).getByRole("option");
}

export async function rowIds(page: Page): Promise<string[]> {
  return requestRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-request-id") ?? ""));
}

export function liveIndicator(page: Page): Locator {
  return page.getByRole("status", { name: /^Connection:/ });
}

/** Sends one request to the capture URL and returns the id the server assigned. */
export async function capture(
  request: APIRequestContext,
  binId: string,
  { method = "POST", path = "", headers = {}, body }: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<string> {
  const response = await request.fetch(`/h/${binId}${path}`, { method, headers, data: body });
  expect(response.status(), await response.text()).toBe(200);
  const id = response.headers()["x-hookscope-request-id"];
  expect(id).toBeTruthy();
  return id as string;
}

/**
 * Sends a request with node:http, which (unlike Playwright's request fixture) can repeat a header:
 * an array value goes out as one header line per element.
 */
export function captureRaw(
  binId: string,
  { method = "POST", path = "", headers, body = "" }: { method?: string; path?: string; headers: OutgoingHttpHeaders; body?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE_URL}/h/${binId}${path}`, { method, headers: { ...headers, "Content-Length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => {
        const id = res.headers["x-hookscope-request-id"];
        if (res.statusCode === 200 && typeof id === "string") resolve(id);
        else reject(new Error(`capture answered ${res.statusCode}`));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The owner token the UI stored for a bin it created. */
export async function ownerToken(page: Page, binId: string): Promise<string> {
  const token = await page.evaluate((id) => {
    const bins = JSON.parse(localStorage.getItem("hookscope:bins") ?? "[]") as { id: string; ownerToken: string }[];
    return bins.find((bin) => bin.id === id)?.ownerToken ?? null;
  }, binId);
  expect(token, "owner token in localStorage").toBeTruthy();
  return token as string;
}

/** Sends one request with exact bytes and any headers (node:http; repeated headers as arrays). */
export function captureBytes(
  binId: string,
  { method = "POST", path = "", headers = {}, body }: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body: Buffer | string },
): Promise<string> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE_URL}/h/${binId}${path}`, { method, headers: { ...headers, "Content-Length": bytes.length } }, (res) => {
      res.resume();
      res.on("end", () => {
        const id = res.headers["x-hookscope-request-id"];
        if (res.statusCode === 200 && typeof id === "string") resolve(id);
        else reject(new Error(`capture answered ${res.statusCode}`));
      });
    });
    req.on("error", reject);
    req.end(bytes);
  });
}

/** The detail pane, with the request's row clicked and the given tab open. */
export async function openRequestTab(page: Page, rowText: string | RegExp, tab: RegExp | string): Promise<Locator> {
  await requestRows(page).filter({ hasText: rowText }).first().click();
  const detail = page.getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: tab }).click();
  return detail;
}

/** The raw body bytes through the API, as the server stored them. */
export async function rawBody(request: APIRequestContext, binId: string, token: string, requestId: string): Promise<Buffer> {
  const response = await request.get(`/api/bins/${binId}/requests/${requestId}/raw`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return response.body();
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

// A real PNG made on the spot, so image tests need no binary fixture file.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG of an RGB gradient of the given size. */
export function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = Math.round((x / width) * 255);
      row[2 + x * 3] = Math.round((y / height) * 255);
      row[3 + x * 3] = 180;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
