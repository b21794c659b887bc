// Shared helpers for the browser suite: every test creates its own bin, so tests can run in parallel.
import http, { type OutgoingHttpHeaders } from "node:http";
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
