// Not assertions about pixels: screenshots of replay-through-the-CLI and the forwarders panel for a
// human to look at, in both colour schemes and on a phone.
import type { APIRequestContext, Page } from "@playwright/test";
import type { ForwarderInfo } from "@/lib/shared/api-types";
import { startTarget } from "../helpers/target";
import { startForwardCli } from "../e2e/cli-process";
import { captureRaw, createBinInUi, expect, requestRows, test } from "../e2e/fixtures";
import { detailPane, ownerToken } from "../e2e/owner-helpers";

const DIR = "test-results/screenshots";

/** A second, stopped forwarder that lost captures: the state the warnings are for, hard to reach for real. */
async function addLaggingForwarder(page: Page): Promise<void> {
  await page.route("**/api/bins/*/forwarders", async (route) => {
    if (route.request().method() !== "GET") return route.fallback();
    const response = await route.fetch();
    const list = (await response.json()) as { forwarders: ForwarderInfo[]; undeliveredDropped: { count: number; at: string | null } };
    const at = new Date(Date.now() - 3 * 3600_000).toISOString();
    list.forwarders.push({
      id: "0123456789abcdef0123",
      name: "laptop-ana-3f9c2d1e",
      cursor: 1840,
      backlog: 12,
      connected: false,
      responding: false,
      lastSeenAt: new Date(Date.now() - 26 * 60_000).toISOString(),
      createdAt: at,
      dropped: 40,
      droppedAt: at,
    });
    list.undeliveredDropped = { count: 40, at };
    await route.fulfill({ response, json: list });
  });
}

/** The Forwarders button sits in the bin card; on a phone, behind "Bin actions" and not under the request sheet (issue 11). */
async function openForwarders(page: Page) {
  if (await page.getByRole("dialog", { name: "Request" }).isVisible()) await page.getByRole("button", { name: "Back to requests" }).click();
  const menu = page.getByRole("button", { name: "Bin actions" });
  if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  await page.getByRole("button", { name: "Forwarders", exact: true }).click();
}

async function shoot(page: Page, request: APIRequestContext, name: string, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  const receiver = await startTarget((_req, res) =>
    res.writeHead(200, { "Content-Type": "application/json", "X-Handled-By": "next-dev" }).end('{\n  "received": true\n}'),
  );
  const { binId } = await createBinInUi(page);
  const token = await ownerToken(page, binId);
  await captureRaw(binId, {
    path: "/stripe/webhook",
    headers: { "Content-Type": "application/json", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
    body: '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","type":"payment_intent.succeeded"}',
  });
  await requestRows(page).first().click();
  const detail = detailPane(page);
  await detail.getByRole("tab", { name: "Replay" }).click();
  // Bring the replay form to the top of the detail.
  const shot = async (file: string) => {
    await detail.getByRole("tab", { name: "Replay" }).evaluate((tab) => tab.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `${DIR}/${file}-${name}.png` });
  };
  await expect(detail.getByRole("region", { name: "Replay to your machine" })).toBeVisible();
  await shot("forward-replay-no-cli");

  const cli = await startForwardCli(binId, token, `${receiver.url}/api/webhooks`, "ana-laptop", ["--respond"]);
  try {
    // Nothing typed yet: the CLI that just connected becomes the target by itself.
    await expect(detail.getByRole("radio", { name: /hookscope forward "ana-laptop"/ })).toBeChecked();
    await detail.getByRole("button", { name: "Send", exact: true }).click();
    await expect(detail.getByRole("region", { name: "Replay result" })).toContainText("200");
    await shot("forward-replay-cli");

    await detail.getByRole("radio", { name: /^A URL/ }).check();
    // Not localhost: the suite's server allows 127.0.0.1 for the replay specs.
    await detail.getByLabel("Target URL").fill("http://[::1]:3000/api/webhooks");
    await detail.getByRole("button", { name: "Send", exact: true }).click();
    await expect(detail.getByRole("alert")).toBeVisible();
    await shot("forward-replay-refused");

    await addLaggingForwarder(page);
    await openForwarders(page);
    const panel = page.getByRole("dialog", { name: "Forwarders" });
    await expect(panel.getByRole("listitem")).toHaveCount(2);
    await page.screenshot({ path: `${DIR}/forward-panel-${name}.png` });
    await panel.getByRole("button", { name: "Forget forwarder ana-laptop" }).click();
    await expect(page.getByRole("dialog", { name: 'Forget "ana-laptop"?' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/forward-forget-${name}.png` });
    await page.getByRole("button", { name: "Cancel" }).click();
    // Waits for a forwarders poll still in the mock, which would otherwise fulfil an unrouted request.
    await page.unrouteAll({ behavior: "wait" });
    await cli.stop();
    await panel.getByRole("button", { name: "Close" }).click();
    await openForwarders(page);
    await expect(panel.getByRole("listitem", { name: "Forwarder ana-laptop" })).toContainText("Not connected");
    await panel.getByRole("button", { name: "Forget forwarder ana-laptop" }).click();
    await page.getByRole("button", { name: "Forget forwarder", exact: true }).click();
    await expect(panel).toContainText("No forwarder yet");
    await page.screenshot({ path: `${DIR}/forward-panel-empty-${name}.png` });
  } finally {
    await cli.stop();
    await receiver.close();
  }
}

test("forwarding, light", async ({ page, request }) => {
  await shoot(page, request, "light", { width: 1440, height: 900 });
});

test("forwarding, phone", async ({ page, request }) => {
  await shoot(page, request, "phone", { width: 375, height: 812 });
});

test.describe("dark", () => {
  test.use({ colorScheme: "dark" });
  test("forwarding, dark", async ({ page, request }) => {
    await shoot(page, request, "dark", { width: 1440, height: 900 });
  });
});
