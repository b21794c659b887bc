import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import Stripe from "stripe";
import { sign as signGithub } from "@octokit/webhooks-methods";
import { Webhook as StandardWebhook } from "standardwebhooks";
import type { CreatedBin, RequestDetail, RequestSummary } from "@/lib/shared/api-types";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

const STRIPE_SECRET = "whsec_test_0123456789abcdefghijklmnop";
const GITHUB_SECRET = "octo-secret-that-must-never-leak";

let server: RunningServer;
const stripe = new Stripe("sk_test_unused");

before(async () => {
  server = await startServer();
});
after(async () => server?.stop());

function api(bin: CreatedBin, path: string, init: RequestInit = {}, token = bin.ownerToken) {
  return fetch(`${server.url}/api/bins/${bin.id}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
}

async function summaryOf(bin: CreatedBin, id: string): Promise<RequestSummary> {
  return (await (await api(bin, `/requests/${id}`)).json()) as RequestDetail;
}

async function verification(bin: CreatedBin, id: string, token = bin.ownerToken) {
  return (await (await api(bin, `/requests/${id}/verification`, {}, token)).json()) as {
    status: string;
    scheme: string | null;
    reason: string;
    details?: { expected?: string; received?: string; replaySuspected?: boolean; timestampAgeSeconds?: number };
    duplicateOf: string | null;
  };
}

async function addSecret(bin: CreatedBin, body: object): Promise<Response> {
  return api(bin, "/secrets", { method: "POST", body: JSON.stringify(body) });
}

async function post(bin: CreatedBin, body: string, headers: Record<string, string>, path = ""): Promise<string> {
  const response = await fetch(`${bin.captureUrl}${path}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });
  return response.headers.get("x-hookscope-request-id")!;
}

describe("signature verification", () => {
  test("a Stripe delivery: no secret, then valid once the secret is set (stored requests re-checked), invalid with a wrong one", async () => {
    const bin = await createBin(server.url);
    const payload = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded" });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
    const id = await post(bin, payload, { "Stripe-Signature": header });
    assert.equal((await summaryOf(bin, id)).verdict, "no_secret");

    const added = await addSecret(bin, { scheme: "stripe", secret: STRIPE_SECRET });
    assert.equal(added.status, 201);
    const masked = (await added.json()) as { id: string; masked: string };
    assert.ok(!masked.masked.includes("0123456789abcdef"), "the secret comes back masked");
    await waitUntil(async () => (await summaryOf(bin, id)).verdict === "valid", 5000, "the re-check");
    const valid = await verification(bin, id);
    assert.equal(valid.status, "valid");
    assert.equal(valid.scheme, "stripe");

    assert.equal((await api(bin, `/secrets/${masked.id}`, { method: "DELETE" })).status, 204);
    assert.equal((await addSecret(bin, { scheme: "stripe", secret: "whsec_another_secret_entirely_xyz" })).status, 201);
    await waitUntil(async () => (await summaryOf(bin, id)).verdict === "invalid", 5000, "the re-check");
    const invalid = await verification(bin, id);
    assert.equal(invalid.status, "invalid");
    assert.match(invalid.reason, /Stripe-Signature|signature/i);
  });

  test("a GitHub delivery with a tampered body is invalid, with expected versus received", async () => {
    const bin = await createBin(server.url);
    await addSecret(bin, { scheme: "github", secret: GITHUB_SECRET });
    const payload = '{"action":"opened"}';
    const signature = await signGithub(GITHUB_SECRET, payload);
    const good = await post(bin, payload, { "X-Hub-Signature-256": signature, "X-GitHub-Event": "issues" });
    const tampered = await post(bin, '{"action":"closed"}', { "X-Hub-Signature-256": signature, "X-GitHub-Event": "issues" });
    assert.equal((await summaryOf(bin, good)).verdict, "valid");
    assert.equal((await summaryOf(bin, tampered)).verdict, "invalid");
    const detail = await verification(bin, tampered);
    assert.equal(detail.details?.received, signature);
    assert.ok(detail.details?.expected, "the owner sees (part of) the expected signature");
  });

  test("a stale Standard Webhooks timestamp is flagged as a possible replay", async () => {
    const bin = await createBin(server.url);
    const secret = `whsec_${Buffer.from("a-standard-webhooks-secret-32by!").toString("base64")}`;
    await addSecret(bin, { scheme: "standard-webhooks", secret });
    const payload = '{"type":"user.created"}';
    const signedAt = new Date(Date.now() - 3600_000);
    const signature = new StandardWebhook(secret).sign("msg_1", signedAt, payload);
    const id = await post(bin, payload, {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(signedAt.getTime() / 1000)),
      "webhook-signature": signature,
    });
    const summary = await summaryOf(bin, id);
    assert.equal(summary.verdict, "invalid");
    assert.equal(summary.replaySuspected, true);
    const detail = await verification(bin, id);
    assert.ok((detail.details?.timestampAgeSeconds ?? 0) >= 3500);
  });

  test("share-link viewers never see secrets or the expected signature; secrets never reach the log", async () => {
    const bin = await createBin(server.url);
    const share = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
    await addSecret(bin, { scheme: "github", secret: GITHUB_SECRET });
    const id = await post(bin, "{}", { "X-Hub-Signature-256": "sha256=" + "0".repeat(64) });
    assert.equal((await api(bin, "/secrets", {}, share)).status, 403);
    assert.equal((await api(bin, "/settings", {}, share)).status, 403);
    const seen = await verification(bin, id, share);
    assert.equal(seen.status, "invalid");
    assert.equal(seen.details?.expected, undefined);
    const everything = JSON.stringify(await (await api(bin, "/secrets")).json());
    assert.ok(!everything.includes(GITHUB_SECRET));
    assert.ok(!server.output().includes(GITHUB_SECRET) && !server.output().includes(STRIPE_SECRET));
  });

  test("invalid secrets are refused with a clear message", async () => {
    const bin = await createBin(server.url);
    const unknown = await addSecret(bin, { scheme: "nope", secret: "x" });
    assert.equal(unknown.status, 400);
    const empty = await addSecret(bin, { scheme: "github", secret: "" });
    assert.equal(empty.status, 400);
    const badWhsec = await addSecret(bin, { scheme: "standard-webhooks", secret: "whsec_!!!not-base64" });
    assert.equal(badWhsec.status, 400);
  });
});

describe("delivery auth", () => {
  async function withAuth(mode: string, token: string, onFailure: string, headerName?: string) {
    const bin = await createBin(server.url);
    const patched = await api(bin, "", {
      method: "PATCH",
      body: JSON.stringify({ settings: { auth: { mode, onFailure, ...(headerName ? { headerName } : {}) } } }),
    });
    assert.equal(patched.status, 200, await patched.clone().text());
    assert.equal((await addSecret(bin, { scheme: "delivery-auth", secret: token })).status, 201);
    return bin;
  }

  test("a query token: a missing or wrong token is rejected with 401 and still listed", async () => {
    const bin = await withAuth("query", "s3cret-token", "reject");
    const rejected = await fetch(`${bin.captureUrl}?auth=wrong-token`, { method: "POST" });
    assert.equal(rejected.status, 401);
    const accepted = await fetch(`${bin.captureUrl}?auth=s3cret-token`, { method: "POST" });
    assert.equal(accepted.status, 200);
    const rejectedSummary = await summaryOf(bin, rejected.headers.get("x-hookscope-request-id")!);
    assert.equal(rejectedSummary.responseStatus, 401);
    assert.match(rejectedSummary.authFailure ?? "", /does not match/);
    assert.equal((await summaryOf(bin, accepted.headers.get("x-hookscope-request-id")!)).authFailure, null);
  });

  test("HTTP Basic: 401 with WWW-Authenticate; flag mode accepts and marks", async () => {
    const basic = await withAuth("basic", "user:pa55word", "reject");
    const denied = await fetch(basic.captureUrl, { method: "POST" });
    assert.equal(denied.status, 401);
    assert.match(denied.headers.get("www-authenticate") ?? "", /Basic/);
    const allowed = await fetch(basic.captureUrl, { method: "POST", headers: { Authorization: `Basic ${Buffer.from("user:pa55word").toString("base64")}` } });
    assert.equal(allowed.status, 200);

    const flagged = await withAuth("header", "header-token-1", "flag", "X-Token");
    const response = await fetch(flagged.captureUrl, { method: "POST", headers: { "X-Token": "nope-nope" } });
    assert.equal(response.status, 200);
    assert.match((await summaryOf(flagged, response.headers.get("x-hookscope-request-id")!)).authFailure ?? "", /X-Token token does not match/);
  });
});

describe("duplicate deliveries", () => {
  test("a repeated X-GitHub-Delivery links to the first", async () => {
    const bin = await createBin(server.url);
    const headers = { "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event": "push" };
    const first = await post(bin, '{"n":1}', headers);
    const second = await post(bin, '{"n":1}', headers);
    const other = await post(bin, '{"n":1}', { ...headers, "X-GitHub-Delivery": "another" });
    assert.equal((await summaryOf(bin, first)).duplicateOf, null);
    assert.equal((await summaryOf(bin, second)).duplicateOf, first);
    assert.equal((await summaryOf(bin, other)).duplicateOf, null);
  });

  test("without a delivery id, the same body and signature is a duplicate", async () => {
    const bin = await createBin(server.url);
    const body = '{"shop":"x"}';
    const signature = createHmac("sha256", "shopify-secret").update(body).digest("base64");
    const [a, b] = await Promise.all([post(bin, body, { "X-Shopify-Hmac-Sha256": signature }), post(bin, body, { "X-Shopify-Hmac-Sha256": signature })]);
    const duplicates = [(await summaryOf(bin, a)).duplicateOf, (await summaryOf(bin, b)).duplicateOf];
    const original = a < b ? a : b;
    assert.deepEqual(duplicates.sort(), [null, original].sort());
    const differentBody = await post(bin, '{"shop":"y"}', { "X-Shopify-Hmac-Sha256": signature });
    assert.equal((await summaryOf(bin, differentBody)).duplicateOf, null);
  });
});
