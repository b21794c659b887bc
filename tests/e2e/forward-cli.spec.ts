// Replay to the developer's own machine through a connected `hookscope forward`: the suite's server
// does not allow private targets, so loopback is reached only through the CLI.
import { startTarget, waitUntil } from "../helpers/target";
import { startForwardCli } from "./cli-process";
import { capture, createBinInUi, expect, requestRows, test } from "./fixtures";
import { detailPane, ownerToken } from "./owner-helpers";

// Multi-byte characters, CRLF and trailing spaces: any re-encoding on the way would show.
const BODY = '{"event":"invoice.paid","note":"über ✓ — \\u00e9"}\r\n  ';

test("replays through the connected CLI to localhost, and the forwarders panel follows it live", async ({ page, request }) => {
  const receiver = await startTarget((_req, res) => res.writeHead(201, { "Content-Type": "text/plain", "X-Local": "yes" }).end("created locally"));
  const { binId } = await createBinInUi(page);
  const cli = await startForwardCli(binId, await ownerToken(page, binId), `${receiver.url}/hook`, "e2e");
  try {
    await capture(request, binId, { path: "/billing", headers: { "Content-Type": "application/json" }, body: BODY });
    // The CLI forwards the capture itself first.
    await waitUntil(() => receiver.received.length === 1, 10_000, "the capture forwarded by the CLI");

    await requestRows(page).first().click();
    const detail = detailPane(page);
    await detail.getByRole("tab", { name: "Replay" }).click();
    const cliTarget = detail.getByRole("radio", { name: /Your machine, through hookscope forward "e2e"/ });
    // Connected and never replayed to a URL: the CLI is the starting choice.
    await expect(cliTarget).toBeChecked();

    // Loopback as a URL is refused by the server; the answer names the ways that work and offers the CLI.
    await detail.getByRole("radio", { name: /^A URL/ }).check();
    await detail.getByLabel("Target URL").fill(`http://[::1]:${receiver.port}/hook`);
    await detail.getByRole("button", { name: "Send", exact: true }).click();
    const refusal = detail.getByRole("alert");
    await expect(refusal).toContainText("Not sent: this target is not allowed");
    await expect(refusal).toContainText("hookscope forward");
    await expect(refusal).toContainText("ALLOW_PRIVATE_TARGETS=1");
    await expect(refusal).toContainText("OUTBOUND_ALLOW_LIST");
    expect(receiver.received).toHaveLength(1);
    await detail.getByRole("button", { name: 'Use "e2e" instead' }).click();
    await expect(cliTarget).toBeChecked();

    await detail.getByRole("button", { name: "Send", exact: true }).click();
    const result = detail.getByRole("region", { name: "Replay result" });
    await expect(result).toContainText("Answered");
    await expect(result).toContainText("201");
    await expect(result.getByLabel("Response body")).toHaveText("created locally");
    await expect(result.getByRole("table", { name: "Response headers" })).toContainText("X-Local");

    expect(receiver.received).toHaveLength(2);
    const pushed = receiver.received[1]!;
    expect(pushed.method).toBe("POST");
    expect(pushed.url).toBe("/hook/billing");
    expect(pushed.body.equals(Buffer.from(BODY))).toBe(true);

    // Logged like any delivery.
    await detail.getByRole("tab", { name: "Deliveries" }).click();
    await expect(detail.getByRole("list", { name: "Deliveries" }).getByRole("listitem", { name: /^cli to / })).toHaveCount(2);

    await page.getByRole("button", { name: "Forwarders", exact: true }).click();
    const panel = page.getByRole("dialog", { name: "Forwarders" });
    const card = panel.getByRole("listitem", { name: "Forwarder e2e" });
    await expect(card).toContainText("Connected");
    await expect(card).toContainText("Up to date");

    // Stopped on the developer's machine: the panel hears it without a reload.
    await cli.stop();
    await expect(card).toContainText("Not connected");

    await card.getByRole("button", { name: "Forget forwarder e2e" }).click();
    await page.getByRole("dialog", { name: 'Forget "e2e"?' }).getByRole("button", { name: "Forget forwarder" }).click();
    await expect(card).toHaveCount(0);
    await expect(panel).toContainText("No forwarder yet");
  } finally {
    await cli.stop();
    await receiver.close();
  }
});
