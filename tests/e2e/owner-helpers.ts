// Helpers for the owner-tool specs (owner-*.spec.ts).
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** The owner token the browser stored when it created the bin (the server only keeps its hash). */
export async function ownerToken(page: Page, binId: string): Promise<string> {
  const token = await page.evaluate((id) => {
    const bins = JSON.parse(localStorage.getItem("hookscope:bins") ?? "[]") as { id: string; ownerToken: string }[];
    return bins.find((bin) => bin.id === id)?.ownerToken ?? null;
  }, binId);
  expect(token, "owner token in localStorage").toBeTruthy();
  return token as string;
}

export function detailPane(page: Page): Locator {
  return page.getByRole("region", { name: "Request detail" });
}

export async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Bin settings" });
  await expect(dialog.getByRole("button", { name: "Save settings" })).toBeVisible();
  return dialog;
}

export async function saveSettings(dialog: Locator): Promise<void> {
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(dialog.getByText("Saved. The next capture gets the new settings.")).toBeVisible();
}

/** Sends to the capture URL and returns the status and body text, whatever the status. */
export async function send(request: APIRequestContext, binId: string, body = "{}", path = ""): Promise<{ status: number; body: string }> {
  const response = await request.post(`/h/${binId}${path}`, { data: body, headers: { "Content-Type": "application/json" } });
  return { status: response.status(), body: await response.text() };
}
