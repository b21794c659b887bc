// The two dimensions of a signature verdict, apart: a genuine Stripe delivery signed an hour ago is
// "signed, late", a tampered body with the same old timestamp is a "bad signature" (never "late"). And
// the sender allow-list, set in Settings → Senders, refuses an address outside it with 403.
import { createHmac } from "node:crypto";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { BASE_URL, createBinInUi, expect, requestRows, test } from "./fixtures";
import { detailPane, ownerToken } from "./owner-helpers";

const DIR = "test-results/trust-dimensions";
const SECRET = "whsec_trust-dimensions-7c2e91ab";
const PAYLOAD = '{"id":"evt_1QkZ","type":"invoice.paid","data":{"object":{"amount_paid":4200}}}';
const TAMPERED = '{"id":"evt_1QkZ","type":"invoice.paid","data":{"object":{"amount_paid":1}}}';

const stripeSignature = (t: number, body: string) => `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;

/** A capture sent with Node's fetch, as a provider would: the status whatever it is, and the stored id. */
async function post(binId: string, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; id: string | null }> {
  const response = await fetch(`${BASE_URL}/h/${binId}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
  await response.arrayBuffer();
  return { status: response.status, id: response.headers.get("x-hookscope-request-id") };
}

interface Seeded {
  binId: string;
  token: string;
  lateId: string;
  tamperedId: string;
}

/** A bin with a Stripe secret, a genuine delivery signed an hour ago and a tampered one with the same timestamp. */
async function seed(page: Page, request: APIRequestContext): Promise<Seeded> {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  const added = await request.post(`/api/bins/${binId}/secrets`, { headers: { Authorization: `Bearer ${token}` }, data: { scheme: "stripe", secret: SECRET } });
  expect(added.status()).toBe(201);
  const signedAt = Math.floor(Date.now() / 1000) - 3600;
  const late = await post(binId, "/stripe/late", PAYLOAD, { "Stripe-Signature": stripeSignature(signedAt, PAYLOAD) });
  // The body changed on the way; the signature and its old timestamp are the genuine ones.
  const tampered = await post(binId, "/stripe/tampered", TAMPERED, { "Stripe-Signature": stripeSignature(signedAt, PAYLOAD) });
  expect([late.status, tampered.status]).toEqual([200, 200]);
  await expect(requestRows(page)).toHaveCount(2);
  return { binId, token, lateId: late.id!, tamperedId: tampered.id! };
}

const row = (page: Page, path: string) => requestRows(page).filter({ hasText: path });

async function openSettingsFrom(page: Page): Promise<Locator> {
  const direct = page.getByRole("button", { name: "Settings", exact: true });
  // On a phone the bin's actions sit in one menu.
  if (!(await direct.isVisible())) await page.getByRole("button", { name: "Bin actions" }).click();
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Bin settings" });
  await expect(dialog.getByRole("button", { name: "Save settings" })).toBeVisible();
  return dialog;
}

/** No badge runs past its row's right edge (rows have a fixed height: badges must not be cut off). */
async function expectBadgesInside(page: Page): Promise<void> {
  for (const row of await requestRows(page).all()) {
    const rowBox = (await row.boundingBox())!;
    for (const badge of await row.locator("span[title].ring-1").all()) {
      if (!(await badge.isVisible())) continue;
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width, `${await badge.textContent()} inside its row`).toBeLessThanOrEqual(rowBox.x + rowBox.width);
    }
  }
}

/** Settings → Senders: reject everything but 127.0.0.2/32, through the form (its validation first). */
async function rejectAllBut127002(page: Page): Promise<Locator> {
  const dialog = await openSettingsFrom(page);
  await dialog.getByRole("tab", { name: "Senders" }).click();
  const form = dialog.getByRole("form", { name: "Senders" });
  await expect(form.getByText("GitHub", { exact: true })).toBeVisible();
  await expect(form.getByText("api.github.com/meta")).toBeVisible();
  await form.getByLabel("Sender allow-list").selectOption("reject");
  await form.getByRole("button", { name: "Save senders" }).click();
  await expect(form.getByRole("alert")).toContainText("Add an address, a range or a provider's published ranges first");
  await form.getByLabel("Allowed addresses and ranges, one per line").fill("127.0.0.2/32\nhooks.example.com");
  await form.getByRole("button", { name: "Save senders" }).click();
  await expect(form.getByText('"hooks.example.com" is not an IP address or CIDR range')).toBeVisible();
  await form.getByLabel("Allowed addresses and ranges, one per line").fill("127.0.0.2/32");
  await form.getByRole("button", { name: "Save senders" }).click();
  await expect(form.getByText("Saved. Requests from other addresses are now refused with 403.")).toBeVisible();
  return dialog;
}

test("a late genuine delivery is 'signed, late', a tampered one a 'bad signature'; an address outside the allow-list gets 403", async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const { binId, token, lateId, tamperedId } = await seed(page, request);

  // The API's two dimensions: replaySuspected only for the matching signature.
  const listed = (await (await request.get(`/api/bins/${binId}/requests`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    requests: { id: string; signature: string; freshness: string; replaySuspected: boolean; plainHttp: boolean }[];
  };
  const byId = new Map(listed.requests.map((r) => [r.id, r]));
  expect(byId.get(lateId)).toMatchObject({ signature: "matches", freshness: "stale", replaySuspected: true, plainHttp: true });
  expect(byId.get(tamperedId)).toMatchObject({ signature: "mismatch", freshness: "stale", replaySuspected: false });

  await expect(row(page, "/stripe/late")).toContainText("signed, late");
  await expect(row(page, "/stripe/tampered")).toContainText("bad signature");
  await expect(row(page, "/stripe/tampered")).not.toContainText("signed, late");
  // Sent from this machine: plain HTTP, but not worth a badge.
  await expect(requestRows(page).filter({ hasText: "plain HTTP" })).toHaveCount(0);
  await expect(row(page, "/stripe/late").getByText("signed, late")).toHaveAttribute("title", /genuine delivery that arrived late or was resent/);
  await expect(row(page, "/stripe/tampered").getByText("bad signature")).toHaveAttribute("title", /forged, altered on the way, or signed with another secret/);

  const detail = detailPane(page);
  await row(page, "/stripe/late").click();
  await detail.getByRole("tab", { name: "Verify" }).click();
  const lateBanner = detail.getByRole("status").filter({ hasText: "Signed, but late" });
  await expect(lateBanner).toContainText("Stripe");
  await expect(detail.getByText("matches this bin's secret")).toBeVisible();
  await expect(detail.getByText(/^stale: 3,\d{3} s beyond the 300 s window; 3,\d{3} s old \(about 60 minutes\)$/)).toBeVisible();
  await expect(detail.getByText("by design a genuine delivery that arrived late or was sent again", { exact: false })).toBeVisible();
  await expect(detail.getByText("Arrived over plain HTTP")).toBeVisible();
  await expect(detail).toContainText("from this machine");
  await page.screenshot({ path: `${DIR}/verify-late-1440.png` });

  await row(page, "/stripe/tampered").click();
  await detail.getByRole("tab", { name: "Verify" }).click();
  await expect(detail.getByRole("status").filter({ hasText: "Signature does not match" })).toContainText("does not match");
  await expect(detail.getByRole("status").filter({ hasText: "Signed, but late" })).toHaveCount(0);
  await expect(detail.getByText("does not match: forged, altered on the way, or signed with another secret")).toBeVisible();
  await expect(detail.getByText(/^stale: 3,\d{3} s beyond the 300 s window/)).toBeVisible();

  const dialog = await rejectAllBut127002(page);
  // Seven settings tabs fit the drawer at this size, without scrolling.
  expect(await dialog.getByRole("tablist").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${DIR}/senders-1440.png` });

  // A URL-signing scheme takes the public URL the provider was given; Stripe does not sign the URL.
  await dialog.getByRole("tab", { name: "Secrets" }).click();
  const signedUrlField = dialog.getByLabel("Signed URL (the public URL the provider was given)");
  await dialog.getByLabel("Provider").selectOption("stripe");
  await expect(signedUrlField).toHaveCount(0);
  await dialog.getByLabel("Provider").selectOption("twilio");
  await dialog.locator("input[type=password]").fill("0123456789abcdef0123456789abcdef");
  await signedUrlField.fill(`https://hooks.example.com/h/${binId}?from=twilio`);
  await dialog.getByRole("button", { name: "Add secret" }).click();
  await expect(dialog.getByText("Leave the query out of the signed URL")).toBeVisible();
  await signedUrlField.fill(`https://hooks.example.com/h/${binId}`);
  await dialog.getByRole("button", { name: "Add secret" }).click();
  await expect(dialog.getByText("Twilio secret added.")).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Signing secrets" })).toContainText(`Signed URL https://hooks.example.com/h/${binId}`);
  await page.screenshot({ path: `${DIR}/secrets-1440.png` });
  await dialog.getByRole("button", { name: "Close" }).click();
  const settings = (await (await request.get(`/api/bins/${binId}/settings`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { sources: unknown };
  expect(settings.sources).toEqual({ mode: "reject", allow: ["127.0.0.2/32"], presets: [] });

  // This test sends from 127.0.0.1: outside the list.
  const blocked = await post(binId, "/stripe/blocked", PAYLOAD, { "Stripe-Signature": stripeSignature(Math.floor(Date.now() / 1000), PAYLOAD) });
  expect(blocked.status).toBe(403);
  await expect(requestRows(page)).toHaveCount(3);
  await expect(row(page, "/stripe/blocked")).toContainText("rejected");
  await expect(row(page, "/stripe/blocked")).toContainText("signed ✓");
  await expect(row(page, "/stripe/blocked")).not.toContainText("403");
  await expect(row(page, "/stripe/blocked").getByText("rejected")).toHaveAttribute(
    "title",
    /127\.0\.0\.1 is not in the sender allow-list \(127\.0\.0\.2\/32\) \(refused with 403\)/,
  );
  await expectBadgesInside(page);
  await page.screenshot({ path: `${DIR}/list-1440.png` });

  await row(page, "/stripe/blocked").click();
  await detail.getByRole("tab", { name: "Verify" }).click();
  await expect(detail.getByText("Outside the sender allow-list")).toBeVisible();
  await expect(detail).toContainText("127.0.0.1 is not in the sender allow-list (127.0.0.2/32). Depending on the bin's setting the sender got a 403");
  await expect(detail.getByText(/^fresh: \d+(\.\d)? s old, within 300 s$/)).toBeVisible();
});

test("screenshots on a phone: the list's badges, Verify of the late delivery, Senders", async ({ page, request }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  const { binId } = await seed(page, request);
  await rejectAllBut127002(page);
  await page.screenshot({ path: `${DIR}/senders-375.png` });
  await page.getByRole("dialog", { name: "Bin settings" }).getByRole("button", { name: "Close" }).click();
  await page.keyboard.press("Escape");
  expect((await post(binId, "/stripe/blocked", "{}")).status).toBe(403);
  await expect(requestRows(page)).toHaveCount(3);
  await expect(row(page, "/stripe/blocked")).toContainText("rejected");
  await expectBadgesInside(page);
  await page.screenshot({ path: `${DIR}/list-375.png` });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  await row(page, "/stripe/late").click();
  const sheet = page.getByRole("dialog", { name: "Request" });
  await sheet.getByRole("tab", { name: "Verify" }).click();
  await expect(sheet.getByRole("status").filter({ hasText: "Signed, but late" })).toBeVisible();
  await page.screenshot({ path: `${DIR}/verify-late-375.png` });
});
