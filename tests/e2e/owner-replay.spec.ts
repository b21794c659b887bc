import { startTarget } from "../helpers/target";
import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";
import { detailPane, ownerToken } from "./owner-helpers";

// Multi-byte characters, CRLF and trailing spaces: any re-encoding on the way would show.
const BODY = '{"event":"order.paid","note":"café ☕ — \\u00e9","lines":[1,2]}\r\n  ';

test.describe("replay", () => {
  test("replays to a local target: the answer is shown as text and the target gets the exact bytes", async ({ page, request }) => {
    const target = await startTarget((_req, res) => {
      res.writeHead(201, { "Content-Type": "text/html", "X-Target": "local" }).end("<b>accepted</b><script>window.__pwned=1</script>");
    });
    try {
      const { binId } = await createBinInUi(page);
      await capture(request, binId, { path: "/orders", headers: { "Content-Type": "application/json", "X-Source": "shop" }, body: BODY });
      await requestRows(page).first().click();
      const detail = detailPane(page);
      await detail.getByRole("tab", { name: "Replay" }).click();
      await detail.getByLabel("Target URL").fill(`${target.url}/webhooks`);
      await detail.getByRole("button", { name: "Send" }).click();

      const result = detail.getByRole("region", { name: "Replay result" });
      await expect(result).toContainText("Answered");
      await expect(result).toContainText("201");
      await expect(result.getByRole("table", { name: "Response headers" })).toContainText("X-Target");
      // Shown as characters, never rendered.
      await expect(result.getByLabel("Response body")).toHaveText("<b>accepted</b><script>window.__pwned=1</script>");
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

      expect(target.received).toHaveLength(1);
      const sent = target.received[0]!;
      expect(sent.method).toBe("POST");
      expect(sent.url).toBe("/webhooks");
      expect(sent.body.equals(Buffer.from(BODY))).toBe(true);
      expect(sent.rawHeaders).toContainEqual(["X-Source", "shop"]);

      // The target is offered again for the next request of the bin.
      await capture(request, binId, { path: "/second", body: "x" });
      await requestRows(page).first().click();
      await detail.getByRole("tab", { name: "Replay" }).click();
      await expect(detail.getByLabel("Target URL")).toHaveValue(`${target.url}/webhooks`);
    } finally {
      await target.close();
    }
  });

  test("edits to method, headers and body are sent", async ({ page, request }) => {
    const target = await startTarget();
    try {
      const { binId } = await createBinInUi(page);
      await capture(request, binId, { headers: { "Content-Type": "text/plain", "X-Remove-Me": "1" }, body: "original" });
      await requestRows(page).first().click();
      const detail = detailPane(page);
      await detail.getByRole("tab", { name: "Replay" }).click();
      await detail.getByLabel("Target URL").fill(target.url);
      await detail.getByLabel("Method").fill("PUT");
      await detail.locator("summary", { hasText: "Headers" }).click();
      const editor = detail.getByRole("group", { name: "Replay headers" });
      const names = await editor.getByLabel(/^Header \d+ name$/).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      const index = names.indexOf("X-Remove-Me") + 1;
      await editor.getByRole("button", { name: `Remove header ${index}` }).click();
      await detail.getByLabel("Body").fill("edited ✓");
      await detail.getByRole("button", { name: "Send" }).click();
      await expect(detail.getByRole("region", { name: "Replay result" })).toContainText("200");

      const sent = target.received[0]!;
      expect(sent.method).toBe("PUT");
      expect(sent.body.toString("utf8")).toBe("edited ✓");
      expect(sent.rawHeaders.map(([name]) => name)).not.toContain("X-Remove-Me");
    } finally {
      await target.close();
    }
  });

  test("a refused internal target is explained in plain words", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await capture(request, binId, { body: "{}" });
    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Replay" }).click();
    await detail.getByLabel("Target URL").fill("http://10.1.2.3/");
    await detail.getByRole("button", { name: "Send" }).click();
    const alert = detail.getByRole("alert");
    await expect(alert).toContainText("Not sent: this target is not allowed");
    await expect(alert).toContainText("ALLOW_PRIVATE_TARGETS");
  });

  test("a target that is not a URL is caught before sending", async ({ page, request }) => {
    const { binId } = await createBinInUi(page);
    await capture(request, binId, { body: "{}" });
    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Replay" }).click();
    await detail.getByLabel("Target URL").fill("ftp://example.com/x");
    await detail.getByRole("button", { name: "Send" }).click();
    await expect(detail.getByText("The target is an http:// or https:// URL such as https://example.com/webhooks")).toBeVisible();
  });

  test("the Deliveries tab lists replays with their attempts and updates live", async ({ page, request }) => {
    const target = await startTarget((_req, res) => res.writeHead(500).end("boom"));
    try {
      const { binId } = await createBinInUi(page);
      const token = await ownerToken(page, binId);
      const requestId = await capture(request, binId, { body: "{}" });
      await requestRows(page).first().click();
      const detail = detailPane(page);
      await detail.getByRole("tab", { name: "Replay" }).click();
      await detail.getByLabel("Target URL").fill(`${target.url}/a`);
      await detail.getByRole("button", { name: "Send" }).click();
      await expect(detail.getByRole("region", { name: "Replay result" })).toContainText("500");

      await detail.getByRole("tab", { name: "Deliveries" }).click();
      const list = detail.getByRole("list", { name: "Deliveries" });
      await expect(list.getByRole("listitem", { name: /^replay to / })).toHaveCount(1);
      const first = list.getByRole("listitem").first();
      await expect(first).toContainText(`${target.url}/a`);
      await expect(first).toContainText("gave up");
      await expect(first.getByRole("table", { name: "Attempts" })).toContainText("error status");
      await expect(first.getByRole("table", { name: "Attempts" })).toContainText("500");

      // Sent from elsewhere while the tab is open: it arrives over the socket, no reload.
      target.setHandler((_req, res) => res.end("fine"));
      const replayed = await request.post(`/api/bins/${binId}/requests/${requestId}/replay`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { targetUrl: `${target.url}/b` },
      });
      expect(replayed.status()).toBe(200);
      await expect(list.getByRole("listitem", { name: /^replay to / })).toHaveCount(2);
      await expect(list.getByRole("listitem", { name: `replay to ${target.url}/b` })).toContainText("delivered");
    } finally {
      await target.close();
    }
  });

  test("a dead letter can be retried from the Dead letters view", async ({ page, request }) => {
    const target = await startTarget((_req, res) => res.writeHead(503).end("down"));
    try {
      const { binId } = await createBinInUi(page);
      const token = await ownerToken(page, binId);
      const requestId = await capture(request, binId, { body: "{}" });
      const replayed = await request.post(`/api/bins/${binId}/requests/${requestId}/replay`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { targetUrl: `${target.url}/dead` },
      });
      expect((await replayed.json()).status).toBe("dead");

      target.setHandler((_req, res) => res.end("back up"));
      await page.getByRole("button", { name: "Dead letters" }).click();
      const dialog = page.getByRole("dialog", { name: "Dead letters" });
      const item = dialog.getByRole("listitem", { name: `replay to ${target.url}/dead` });
      await expect(item).toContainText("gave up");
      await item.getByRole("button", { name: `Retry delivery to ${target.url}/dead` }).click();
      await expect(dialog.getByRole("region", { name: "Sent again" })).toContainText(/delivered|waiting to retry|sending/);
      await expect.poll(() => target.received.length, { timeout: 15_000 }).toBe(2);
      await expect(dialog.getByRole("region", { name: "Sent again" })).toContainText("delivered");
    } finally {
      await target.close();
    }
  });
});
