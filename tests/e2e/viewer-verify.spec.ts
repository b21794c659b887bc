// Share-link viewers get the Verify tab: the verdict, the reason, the header and the timestamp's
// age, but never a secret or the signature Hookscope computed with it.
import { createHmac } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { capture, createBinInUi, expect, ownerToken, requestRows, test } from "./fixtures";

const DIR = "test-results/screenshots";
const GITHUB_SECRET = "gh-secret-the-viewer-must-never-see-5f1c";
const STRIPE_SECRET = "whsec_stripe-secret-the-viewer-must-never-see";
const PAYLOAD = '{"action":"opened","number":7}';

interface Seeded {
  binId: string;
  shareUrl: string;
  shareToken: string;
  token: string;
  invalidId: string;
  /** The signature GitHub would have sent: what the owner's verdict quotes the start of. */
  expected: string;
}

/** A bin with a GitHub and a Stripe secret, a wrongly signed GitHub delivery and a replayed Stripe one. */
async function seed(page: Page, request: APIRequestContext): Promise<Seeded> {
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  // Read while the bin is empty: once requests arrive its card folds and the share link is a click away.
  const shareUrl = await page.getByRole("textbox", { name: "Share link", exact: true }).inputValue();
  const auth = { Authorization: `Bearer ${token}` };
  for (const [scheme, secret] of [
    ["github", GITHUB_SECRET],
    ["stripe", STRIPE_SECRET],
  ]) {
    expect((await request.post(`/api/bins/${binId}/secrets`, { headers: auth, data: { scheme, secret } })).status()).toBe(201);
  }
  // Signed an hour ago with the right secret: a replay, flagged by its timestamp.
  const signedAt = Math.floor(Date.now() / 1000) - 3600;
  const stripeSignature = createHmac("sha256", STRIPE_SECRET).update(`${signedAt}.${PAYLOAD}`).digest("hex");
  await capture(request, binId, {
    path: "/stripe",
    headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${signedAt},v1=${stripeSignature}` },
    body: PAYLOAD,
  });
  const invalidId = await capture(request, binId, {
    path: "/github",
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": `sha256=${"0".repeat(64)}`, "X-GitHub-Event": "pull_request" },
    body: PAYLOAD,
  });
  const shareToken = new URLSearchParams(new URL(shareUrl).hash.slice(1)).get("share") ?? "";
  const expected = `sha256=${createHmac("sha256", GITHUB_SECRET).update(PAYLOAD).digest("hex")}`;
  return { binId, shareUrl, shareToken, token, invalidId, expected };
}

async function openAsViewer(browser: Browser, shareUrl: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext(options);
  const viewer = await context.newPage();
  await viewer.goto(shareUrl);
  await expect(viewer.getByText("Read-only shared view")).toBeVisible();
  await expect(requestRows(viewer)).toHaveCount(2);
  return { context, viewer };
}

async function openVerify(viewer: Page, rowText: string) {
  await requestRows(viewer).filter({ hasText: rowText }).click();
  const detail = viewer.getByRole("region", { name: "Request detail" });
  await detail.getByRole("tab", { name: "Verify" }).click();
  return detail;
}

test("a share viewer reads the verdict and its reason, with no secret and no expected signature", async ({ page, request, browser }) => {
  const seeded = await seed(page, request);
  const { context, viewer } = await openAsViewer(browser, seeded.shareUrl);
  try {
    const detail = await openVerify(viewer, "/github");
    const verdict = detail.getByRole("status").filter({ hasText: "Signature does not match" });
    await expect(verdict).toContainText("The GitHub signature in X-Hub-Signature-256 does not match (received");
    await expect(detail.getByText("Read from", { exact: true })).toBeVisible();
    await expect(detail.getByText("X-Hub-Signature-256", { exact: true })).toBeVisible();
    await expect(detail.getByText("Expected (start)")).toHaveCount(0);
    await expect(detail.getByText("shown to the owner only")).toBeVisible();
    // No tools that change anything, and no secrets screen.
    for (const tab of ["Replay", "Deliveries"]) await expect(viewer.getByRole("tab", { name: tab })).toHaveCount(0);

    // The replayed Stripe delivery: its timestamp's age against Stripe's window.
    const stripe = await openVerify(viewer, "/stripe");
    await expect(stripe.getByRole("status").filter({ hasText: "Signed, but late" })).toContainText("A genuine delivery that arrived late or was sent again.");
    await expect(stripe.getByText("Timestamp", { exact: true })).toBeVisible();
    await expect(stripe.getByText(/^stale: 3,3\d\d(\.\d+)? s beyond the 300 s window; 3,6\d\d(\.\d+)? s old \(about 60 minutes\)/)).toBeVisible();

    const html = await viewer.content();
    for (const leak of [GITHUB_SECRET, STRIPE_SECRET, seeded.expected, seeded.expected.slice(0, 12)]) expect(html).not.toContain(leak);
  } finally {
    await context.close();
  }
});

test("GET …/verification with the share token carries neither the secret nor the expected signature; the owner's does", async ({ page, request }) => {
  const { binId, token, shareToken, invalidId, expected } = await seed(page, request);
  const path = `/api/bins/${binId}/requests/${invalidId}/verification`;
  const owner = await (await request.get(path, { headers: { Authorization: `Bearer ${token}` } })).text();
  const viewer = await (await request.get(path, { headers: { Authorization: `Bearer ${shareToken}` } })).text();
  // The owner sees the start of the computed signature (12 characters), in the details and the reason.
  expect(JSON.parse(owner).details.expected).toBe(`${expected.slice(0, 12)}…`);
  expect(owner).toContain(expected.slice(0, 12));

  const verdict = JSON.parse(viewer) as { status: string; reason: string; details: Record<string, unknown> };
  expect(verdict.status).toBe("invalid");
  expect(verdict.details.header).toBe("X-Hub-Signature-256");
  expect(verdict.details.expected).toBeUndefined();
  for (const leak of [GITHUB_SECRET, STRIPE_SECRET, expected, expected.slice("sha256=".length), expected.slice(0, 12)]) expect(viewer).not.toContain(leak);
});

for (const [name, options] of [
  ["light", { viewport: { width: 1440, height: 900 }, colorScheme: "light" }],
  ["dark", { viewport: { width: 1440, height: 900 }, colorScheme: "dark" }],
  ["mobile", { viewport: { width: 375, height: 812 }, colorScheme: "light" }],
] as const) {
  test(`screenshot: the Verify tab as a share viewer (${name})`, async ({ page, request, browser }) => {
    const { shareUrl } = await seed(page, request);
    const { context, viewer } = await openAsViewer(browser, shareUrl, options);
    try {
      for (const [row, file] of [
        ["/github", "verify-viewer"],
        ["/stripe", "verify-viewer-replay"],
      ] as const) {
        const detail = await openVerify(viewer, row);
        const title = row === "/stripe" ? "Signed, but late" : "Signature does not match";
        await expect(detail.getByRole("status").filter({ hasText: title })).toContainText(row === "/stripe" ? "Stripe" : "GitHub");
        await detail.getByRole("tab", { name: "Verify" }).scrollIntoViewIfNeeded();
        await viewer.screenshot({ path: `${DIR}/${file}-${name}.png` });
        // On a phone the detail is a full-screen sheet over the list: step back to pick the next row.
        if (name === "mobile") await viewer.getByRole("button", { name: "Back to requests" }).click();
      }
    } finally {
      await context.close();
    }
  });
}
