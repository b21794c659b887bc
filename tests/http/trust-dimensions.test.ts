import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as twilio from "twilio/lib/webhooks/webhooks.js";
import type { BinInfo, CreatedBin, RequestDetail } from "@/lib/shared/api-types";
import { createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { waitUntil } from "../helpers/target";

const STRIPE_SECRET = "whsec_dimensions_0123456789abcdefghij";
const TWILIO_TOKEN = "12345678901234567890123456789012";

let server: RunningServer;
let proxied: RunningServer;

before(async () => {
  [server, proxied] = await Promise.all([startServer(), startServer({ TRUST_PROXY: "1" })]);
});
after(async () => Promise.all([server?.stop(), proxied?.stop()]));

function api(base: string, bin: CreatedBin, path: string, init: RequestInit = {}) {
  return fetch(`${base}/api/bins/${bin.id}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${bin.ownerToken}`, "Content-Type": "application/json", ...(init.headers as Record<string, string>) },
  });
}

async function detailOf(base: string, bin: CreatedBin, id: string): Promise<RequestDetail> {
  return (await (await api(base, bin, `/requests/${id}`)).json()) as RequestDetail;
}

interface Verification {
  status: string;
  signature: string;
  freshness: string;
  reason: string;
  sourceFailure: string | null;
  plainHttp: boolean;
  details?: { staleBySeconds?: number; replaySuspected?: boolean; signedUrl?: string; signedUrlSource?: string };
}

async function verificationOf(base: string, bin: CreatedBin, id: string): Promise<Verification> {
  return (await (await api(base, bin, `/requests/${id}/verification`)).json()) as Verification;
}

/** Sends one request from a chosen loopback address, so allow-lists can be tested on one machine. */
function send(
  url: string,
  options: { body?: string; headers?: Record<string, string>; from?: string; method?: string } = {},
): Promise<{ status: number; id: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "POST", headers: options.headers ?? {}, localAddress: options.from ?? "127.0.0.1" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          id: (res.headers["x-hookscope-request-id"] as string | undefined) ?? null,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    req.end(options.body ?? "");
  });
}

function stripeHeader(payload: string, secret: string, at: number): string {
  const signature = createHmac("sha256", secret).update(`${at}.${payload}`).digest("hex");
  return `t=${at},v1=${signature}`;
}

describe("verdicts with two dimensions", () => {
  test("a genuine late Stripe delivery, a forged one, one signed with another secret and a fresh one are told apart", async () => {
    const bin = await createBin(server.url);
    assert.equal((await api(server.url, bin, "/secrets", { method: "POST", body: JSON.stringify({ scheme: "stripe", secret: STRIPE_SECRET }) })).status, 201);
    const payload = JSON.stringify({ id: "evt_late", type: "invoice.paid", data: { object: { amount: 1200 } } });
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const post = async (body: string, header: string) => {
      const sent = await send(bin.captureUrl, { body, headers: { "Content-Type": "application/json", "Stripe-Signature": header } });
      assert.equal(sent.status, 200);
      return sent.id!;
    };
    const late = await post(payload, stripeHeader(payload, STRIPE_SECRET, hourAgo));
    const tampered = await post(payload.replace("1200", "1"), stripeHeader(payload, STRIPE_SECRET, hourAgo));
    const otherSecret = await post(payload, stripeHeader(payload, "whsec_someone_elses_secret_000000", hourAgo));
    const fresh = await post(payload, stripeHeader(payload, STRIPE_SECRET, Math.floor(Date.now() / 1000)));

    const stored = await Promise.all([late, tampered, otherSecret, fresh].map((id) => detailOf(server.url, bin, id)));
    assert.deepEqual(
      stored.map((row) => [row.verdict, row.signature, row.freshness, row.replaySuspected]),
      [
        ["invalid", "matches", "stale", true],
        ["invalid", "mismatch", "stale", false],
        ["invalid", "mismatch", "stale", false],
        ["valid", "matches", "fresh", false],
      ],
    );

    const lateVerdict = await verificationOf(server.url, bin, late);
    assert.match(
      lateVerdict.reason,
      /^Signed, late: the Stripe signature matches, but the timestamp \(t= in Stripe-Signature\) is 3,6\d\d s old, 3,3\d\d s beyond the 300 s window\. A genuine delivery that arrived late or was sent again\.$/,
    );
    assert.ok(
      (lateVerdict.details?.staleBySeconds ?? 0) >= 3290 && (lateVerdict.details?.staleBySeconds ?? 0) <= 3310,
      `stale by ${lateVerdict.details?.staleBySeconds}`,
    );
    const forged = await verificationOf(server.url, bin, tampered);
    assert.match(forged.reason, /does not match/);
    assert.match(forged.reason, /this is not a late genuine delivery/);
    assert.doesNotMatch(forged.reason, /Signed, late/);
    assert.equal(forged.details?.replaySuspected, undefined);
  });

  test("with the window turned off for the secret, the reason says so, not that the scheme has none", async () => {
    const bin = await createBin(server.url);
    await api(server.url, bin, "/secrets", { method: "POST", body: JSON.stringify({ scheme: "stripe", secret: STRIPE_SECRET, toleranceSeconds: 0 }) });
    const payload = '{"id":"evt_off"}';
    const sent = await send(bin.captureUrl, {
      body: payload,
      headers: { "Stripe-Signature": stripeHeader(payload, STRIPE_SECRET, Math.floor(Date.now() / 1000) - 7200) },
    });
    const verdict = await verificationOf(server.url, bin, sent.id!);
    assert.equal(verdict.status, "valid");
    assert.equal(verdict.signature, "matches");
    assert.equal(verdict.freshness, "window_off");
    assert.match(verdict.reason, /not checked: the window is turned off for this secret/);
    assert.doesNotMatch(verdict.reason, /this scheme sets no window/);
  });

  test("a Twilio request signed for the public URL the provider was given verifies once that URL is configured", async () => {
    const bin = await createBin(server.url);
    const params = { From: "+15551234567", To: "+15557654321", Body: "Hello", MessageSid: "SM1" };
    const publicBase = "https://hooks.example.com/twilio";
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${publicBase}/sms?tenant=acme`, params);
    const body = new URLSearchParams(params).toString();
    const headers = { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature };

    assert.equal((await api(server.url, bin, "/secrets", { method: "POST", body: JSON.stringify({ scheme: "twilio", secret: TWILIO_TOKEN }) })).status, 201);
    const before = await send(`${bin.captureUrl}/sms?tenant=acme`, { body, headers });
    const rebuilt = await verificationOf(server.url, bin, before.id!);
    assert.equal(rebuilt.signature, "mismatch");
    assert.equal(rebuilt.details?.signedUrlSource, "rebuilt");
    assert.equal(rebuilt.details?.signedUrl, `${bin.captureUrl}/sms?tenant=acme`);

    const secrets = (await (await api(server.url, bin, "/secrets")).json()) as { secrets: { id: string }[] };
    await api(server.url, bin, `/secrets/${secrets.secrets[0]!.id}`, { method: "DELETE" });
    const added = await api(server.url, bin, "/secrets", {
      method: "POST",
      body: JSON.stringify({ scheme: "twilio", secret: TWILIO_TOKEN, signedUrl: publicBase }),
    });
    assert.equal(added.status, 201);
    assert.equal(((await added.json()) as { signedUrl?: string }).signedUrl, publicBase);
    const after = await send(`${bin.captureUrl}/sms?tenant=acme`, { body, headers });
    const configured = await verificationOf(server.url, bin, after.id!);
    assert.equal(configured.status, "valid", configured.reason);
    assert.equal(configured.details?.signedUrlSource, "configured");
    assert.equal(configured.details?.signedUrl, `${publicBase}/sms?tenant=acme`);
    assert.match(configured.reason, /against the configured signed URL https:\/\/hooks\.example\.com\/twilio\/sms\?tenant=acme/);
  });

  test("a signed URL is refused where it cannot apply, or when it carries a query", async () => {
    const bin = await createBin(server.url);
    const refused = async (body: object, pattern: RegExp) => {
      const response = await api(server.url, bin, "/secrets", { method: "POST", body: JSON.stringify(body) });
      assert.equal(response.status, 400);
      assert.match(JSON.stringify(await response.json()), pattern);
    };
    await refused({ scheme: "stripe", secret: STRIPE_SECRET, signedUrl: "https://example.com/x" }, /signedUrl only applies to schemes that sign the URL/);
    await refused({ scheme: "twilio", secret: TWILIO_TOKEN, signedUrl: "https://example.com/x?a=1" }, /without query or fragment/);
    await refused({ scheme: "twilio", secret: TWILIO_TOKEN, signedUrl: "ftp://example.com/x" }, /public http\(s\) URL/);
  });
});

describe("sender allow-list and plain HTTP", () => {
  async function binWithSources(base: string, sources: object): Promise<CreatedBin> {
    const bin = await createBin(base);
    const patched = await api(base, bin, "", { method: "PATCH", body: JSON.stringify({ settings: { sources } }) });
    assert.equal(patched.status, 200, await patched.text());
    return bin;
  }

  test("reject: a request from 127.0.0.2 against 127.0.0.1/32 gets 403, is stored and marked; one from 127.0.0.1 gets 200", async () => {
    const bin = await binWithSources(server.url, { mode: "reject", allow: ["127.0.0.1/32"] });
    const outside = await send(bin.captureUrl, { body: "{}", from: "127.0.0.2" });
    assert.equal(outside.status, 403);
    assert.match(outside.body, /"forbidden_source"/);
    const inside = await send(bin.captureUrl, { body: "{}", from: "127.0.0.1" });
    assert.equal(inside.status, 200);
    const rejected = await detailOf(server.url, bin, outside.id!);
    assert.equal(rejected.responseStatus, 403);
    assert.equal(rejected.remoteAddress, "127.0.0.2");
    assert.equal(rejected.sourceFailure, "127.0.0.2 is not in the sender allow-list (127.0.0.1/32)");
    assert.equal((await detailOf(server.url, bin, inside.id!)).sourceFailure, null);
    assert.equal((await verificationOf(server.url, bin, outside.id!)).sourceFailure, rejected.sourceFailure);
    // The bin's tally counts it with the other refusals (written once a second).
    const tally = await waitUntil(
      async () => {
        const info = (await (await api(server.url, bin, "")).json()) as BinInfo;
        return info.refused.forbidden > 0 ? info.refused : undefined;
      },
      10_000,
      "the 403 in the tally",
    );
    assert.equal(tally.forbidden, 1);
    assert.equal(tally.unauthorized, 0);
  });

  test("flag: the request from outside is answered as usual and marked", async () => {
    const bin = await binWithSources(server.url, { mode: "flag", allow: ["127.0.0.1", "::1/128"] });
    const outside = await send(bin.captureUrl, { body: "{}", from: "127.0.0.2" });
    assert.equal(outside.status, 200);
    assert.match((await detailOf(server.url, bin, outside.id!)).sourceFailure ?? "", /^127\.0\.0\.2 is not in the sender allow-list/);
  });

  test("X-Forwarded-For is ignored without TRUST_PROXY, and only its last entry counts with it", async () => {
    const direct = await binWithSources(server.url, { mode: "reject", allow: ["127.0.0.1/32"] });
    assert.equal(
      (await send(direct.captureUrl, { body: "{}", from: "127.0.0.2", headers: { "X-Forwarded-For": "127.0.0.1" } })).status,
      403,
      "a sender cannot claim an address",
    );

    const behindProxy = await binWithSources(proxied.url, { mode: "reject", allow: ["127.0.0.1/32"] });
    assert.equal(
      (await send(behindProxy.captureUrl, { body: "{}", from: "127.0.0.1", headers: { "X-Forwarded-For": "127.0.0.2" } })).status,
      403,
      "the proxy's entry is the sender",
    );
    assert.equal((await send(behindProxy.captureUrl, { body: "{}", from: "127.0.0.2", headers: { "X-Forwarded-For": "127.0.0.1" } })).status, 200);
    const spoofed = await send(behindProxy.captureUrl, { body: "{}", headers: { "X-Forwarded-For": "127.0.0.1, 203.0.113.9" } });
    assert.equal(spoofed.status, 403, "an entry the client wrote before the proxy's does not count");
    assert.equal((await detailOf(proxied.url, behindProxy, spoofed.id!)).remoteAddress, "203.0.113.9");
  });

  test("a preset allows its provider's published ranges", async () => {
    const presets = (await (await fetch(`${server.url}/api/sender-presets`)).json()) as { checked: string; presets: { id: string; ranges: string[] }[] };
    assert.match(presets.checked, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(presets.presets.find((preset) => preset.id === "github")?.ranges.includes("140.82.112.0/20"));
    const bin = await binWithSources(proxied.url, { mode: "reject", presets: ["github"] });
    assert.equal((await send(bin.captureUrl, { body: "{}", headers: { "X-Forwarded-For": "140.82.115.7" } })).status, 200);
    assert.equal((await send(bin.captureUrl, { body: "{}", headers: { "X-Forwarded-For": "2606:50c0:8000::1" } })).status, 200);
    const outside = await send(bin.captureUrl, { body: "{}", headers: { "X-Forwarded-For": "198.51.100.4" } });
    assert.equal(outside.status, 403);
    assert.match((await detailOf(proxied.url, bin, outside.id!)).sourceFailure ?? "", /GitHub's published ranges/);
  });

  test("settings refuse an empty list when the check is on, and anything that is not an address or range", async () => {
    const bin = await createBin(server.url);
    const patch = (sources: object) => api(server.url, bin, "", { method: "PATCH", body: JSON.stringify({ settings: { sources } }) });
    const empty = await patch({ mode: "reject" });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /add an address, a range or a preset/);
    for (const bad of ["10.0.0.0/33", "fe80::/129", "example.com", "1.2.3.4/8/1", "::g"]) {
      const response = await patch({ mode: "flag", allow: [bad] });
      assert.equal(response.status, 400, bad);
      assert.match(await response.text(), /is not an IP address or CIDR range/);
    }
    assert.equal((await patch({ mode: "flag", allow: ["2001:db8::/32", "192.0.2.1"] })).status, 200);
  });

  test("plain HTTP is flagged from the socket, or from X-Forwarded-Proto only with TRUST_PROXY", async () => {
    const direct = await createBin(server.url);
    const viaSocket = await send(direct.captureUrl, { body: "{}", headers: { "X-Forwarded-Proto": "https" } });
    assert.equal((await detailOf(server.url, direct, viaSocket.id!)).plainHttp, true);
    const proxiedBin = await createBin(proxied.url);
    const https = await send(proxiedBin.captureUrl, { body: "{}", headers: { "X-Forwarded-Proto": "https" } });
    const http = await send(proxiedBin.captureUrl, { body: "{}", headers: { "X-Forwarded-Proto": "http" } });
    assert.equal((await detailOf(proxied.url, proxiedBin, https.id!)).plainHttp, false);
    assert.equal((await detailOf(proxied.url, proxiedBin, http.id!)).plainHttp, true);
    assert.equal((await verificationOf(proxied.url, proxiedBin, http.id!)).plainHttp, true);
  });
});
