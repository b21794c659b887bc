import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, sign as edSign } from "node:crypto";
import { verifyWebhook } from "@clerk/backend/webhooks";
import { Resend } from "resend";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import type { CapturedRequest, SchemeId } from "@/lib/server/signatures";
import { detectScheme } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, JSON_BODY, request, tamper, withHeader, withoutHeader } from "./helpers";

// The SDK verifiers read Date.now(), so these requests are captured "now" with real timestamps.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const MSG_ID = "msg_2mZ8Yp0xQk";

function swRequest(prefix: "webhook" | "svix", options: { secret?: string; timestamp?: Date; body?: string; receivedAt?: number } = {}): CapturedRequest {
  const body = options.body ?? JSON_BODY;
  const timestamp = options.timestamp ?? new Date();
  const signature = new StandardWebhook(options.secret ?? SECRET).sign(MSG_ID, timestamp, body);
  return request({
    body,
    receivedAt: options.receivedAt ?? Date.now(),
    headers: [
      ["content-type", "application/json"],
      [`${prefix}-id`, MSG_ID],
      [`${prefix}-timestamp`, String(Math.floor(timestamp.getTime() / 1000))],
      [`${prefix}-signature`, signature],
    ],
  });
}

function headerMap(req: CapturedRequest): Record<string, string> {
  return Object.fromEntries(req.headers.map(([name, value]) => [name.toLowerCase(), value]));
}

function sdkAccepts(req: CapturedRequest, secret = SECRET): boolean {
  try {
    new SvixWebhook(secret).verify(Buffer.from(req.body).toString(), headerMap(req));
    return true;
  } catch {
    return false;
  }
}

const FAMILY: { scheme: SchemeId; prefix: "webhook" | "svix"; name: string }[] = [
  { scheme: "standard-webhooks", prefix: "webhook", name: "Standard Webhooks" },
  { scheme: "svix", prefix: "svix", name: "Svix" },
  { scheme: "clerk", prefix: "svix", name: "Clerk" },
  { scheme: "resend", prefix: "svix", name: "Resend" },
];

for (const { scheme, prefix, name } of FAMILY) {
  describe(scheme, () => {
    const secret = { scheme, secret: SECRET };
    test("valid (signed by the standardwebhooks SDK, verified by svix's)", () => {
      const req = swRequest(prefix);
      const verdict = expectVerdict(check(req, secret), "valid", `${name} signature verified`);
      assert.equal(sdkAccepts(req), true);
      assert.equal(verdict.details?.header, `${prefix}-signature`);
      assert.ok(verdict.details?.signedPayloadPreview?.startsWith(`${MSG_ID}.`));
      assertNoSecret(verdict, SECRET);
    });
    test("tampered body", () => {
      const req = tamper(swRequest(prefix));
      expectVerdict(check(req, secret), "invalid", "does not match");
      assert.equal(sdkAccepts(req), false);
    });
    test("wrong secret", () => {
      const req = swRequest(prefix);
      expectVerdict(check(req, { scheme, secret: OTHER }), "invalid", "does not match");
      assert.equal(sdkAccepts(req, OTHER), false);
    });
    test("stale and future timestamps (both directions, 300 s)", () => {
      const now = Date.now();
      const stale = swRequest(prefix, { timestamp: new Date(now - 301_000), receivedAt: now });
      const verdict = expectVerdict(check(stale, secret), "invalid", /signature matches.*30\d s old/);
      assert.equal(verdict.details?.replaySuspected, true);
      assert.equal(sdkAccepts(stale), false);
      const ahead = swRequest(prefix, { timestamp: new Date(now + 302_000), receivedAt: now });
      expectVerdict(check(ahead, secret), "invalid", "in the future");
      assert.equal(sdkAccepts(ahead), false);
    });
    test("missing headers", () => {
      expectVerdict(check(withoutHeader(swRequest(prefix), `${prefix}-signature`), secret), "not_signed", `${prefix}-signature`);
      const noId = withoutHeader(swRequest(prefix), `${prefix}-id`);
      expectVerdict(check(noId, secret), "invalid", `${prefix}-id header is missing`);
      const noTimestamp = withoutHeader(swRequest(prefix), `${prefix}-timestamp`);
      expectVerdict(check(noTimestamp, secret), "invalid", `${prefix}-timestamp header is missing`);
    });
  });
}

describe("standard webhooks details", () => {
  test("Clerk's verifyWebhook and Resend's verify agree on the same requests", async () => {
    const req = swRequest("svix", { body: '{"data":{"id":"user_1"},"object":"event","type":"user.created","instance_id":"ins_1"}' });
    const asFetch = () => new Request(req.url, { method: "POST", headers: req.headers, body: Buffer.from(req.body) });
    const event = await verifyWebhook(asFetch(), { signingSecret: SECRET });
    assert.equal(event.type, "user.created");
    expectVerdict(check(req, { scheme: "clerk", secret: SECRET }), "valid", "Clerk");
    await assert.rejects(verifyWebhook(asFetch(), { signingSecret: OTHER }));

    const resend = new Resend("re_not_used_offline");
    const h = headerMap(req);
    const payload = Buffer.from(req.body).toString();
    const headers = { id: h["svix-id"]!, timestamp: h["svix-timestamp"]!, signature: h["svix-signature"]! };
    assert.ok(resend.webhooks.verify({ payload, headers, webhookSecret: SECRET }));
    assert.throws(() => resend.webhooks.verify({ payload: `${payload} `, headers, webhookSecret: SECRET }));
  });

  test("several signatures: any v1 passes, unknown versions are skipped", () => {
    const req = swRequest("webhook");
    const value = headerMap(req)["webhook-signature"]!;
    const list = withHeader(req, "webhook-signature", `v2,abc v1,AAAA ${value}`);
    expectVerdict(check(list, { scheme: "standard-webhooks", secret: SECRET }), "valid", "verified");
    assert.equal(sdkAccepts(list), true);
  });

  test("a secret given without the whsec_ prefix is base64-decoded like the SDK does", () => {
    const req = swRequest("webhook");
    expectVerdict(check(req, { scheme: "standard-webhooks", secret: SECRET.slice(6) }), "valid", "verified");
  });

  test("a sender that used the whsec_ text as a raw key is explained", () => {
    const body = JSON_BODY;
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const rawKeyed = new StandardWebhook(SECRET, { format: "raw" }).sign(MSG_ID, new Date(ts * 1000), body);
    const req = request({
      body,
      receivedAt: now,
      headers: [
        ["webhook-id", MSG_ID],
        ["webhook-timestamp", String(ts)],
        ["webhook-signature", rawKeyed],
      ],
    });
    const verdict = expectVerdict(check(req, { scheme: "standard-webhooks", secret: SECRET }), "invalid", "whsec_ key used as raw text");
    assertNoSecret(verdict, SECRET);
  });

  test("a non-base64 secret cannot be a Standard Webhooks key; reading it as raw text is tried", () => {
    const raw = "my plain secret";
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const sig = new StandardWebhook(raw, { format: "raw" }).sign(MSG_ID, new Date(ts * 1000), JSON_BODY);
    const req = request({
      receivedAt: now,
      headers: [
        ["webhook-id", MSG_ID],
        ["webhook-timestamp", String(ts)],
        ["webhook-signature", sig],
      ],
    });
    const verdict = expectVerdict(check(req, { scheme: "standard-webhooks", secret: raw }), "invalid", "not base64");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("raw text")));
  });

  test("v1a (Ed25519) signatures verify with a whpk_ public key, and v1 entries are not enough for it", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const rawPublic = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
    const whpk = `whpk_${rawPublic.toString("base64")}`;
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const signed = Buffer.from(`${MSG_ID}.${ts}.${JSON_BODY}`);
    const v1a = edSign(null, signed, privateKey).toString("base64");
    const headers: [string, string][] = [
      ["webhook-id", MSG_ID],
      ["webhook-timestamp", String(ts)],
      ["webhook-signature", `v1,bm90IGEgcmVhbCBzaWduYXR1cmU= v1a,${v1a}`],
    ];
    const req = request({ receivedAt: now, headers });
    expectVerdict(check(req, { scheme: "standard-webhooks", secret: whpk }), "valid", "Ed25519");
    expectVerdict(check(tamper(req), { scheme: "standard-webhooks", secret: whpk }), "invalid", "does not match");
    const other = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x!;
    const wrong = `whpk_${Buffer.from(other, "base64url").toString("base64")}`;
    expectVerdict(check(req, { scheme: "standard-webhooks", secret: wrong }), "invalid", "does not match");
    const stale = { ...req, receivedAt: now + 400_000 };
    expectVerdict(check(stale, { scheme: "standard-webhooks", secret: whpk }), "invalid", "old");
    // whsk_ (seed then public key) works too: only the public half is used.
    const seed = Buffer.from(privateKey.export({ format: "jwk" }).d!, "base64url");
    const whsk = `whsk_${Buffer.concat([seed, rawPublic]).toString("base64")}`;
    expectVerdict(check(req, { scheme: "standard-webhooks", secret: whsk }), "valid", "Ed25519");
    // A whsec_ secret cannot check a v1a-only header.
    const onlyV1a = withHeader(req, "webhook-signature", `v1a,${v1a}`);
    expectVerdict(check(onlyV1a, { scheme: "standard-webhooks", secret: SECRET }), "invalid", "only has v1a");
  });

  test("detection: webhook-* is Standard Webhooks, svix-* is Svix, the payload tells Clerk and Resend apart", () => {
    assert.equal(detectScheme(swRequest("webhook").headers), "standard-webhooks");
    assert.equal(detectScheme(swRequest("svix").headers), "svix");
    const clerkBody = '{"data":{},"object":"event","type":"user.created","instance_id":"ins_1"}';
    assert.equal(detectScheme(swRequest("svix").headers, new TextEncoder().encode(clerkBody)), "clerk");
    const resendBody = '{"type":"email.delivered","created_at":"2025-01-01T00:00:00Z","data":{"email_id":"x"}}';
    assert.equal(detectScheme(swRequest("svix").headers, new TextEncoder().encode(resendBody)), "resend");
  });
});
