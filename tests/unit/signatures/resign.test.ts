import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { verify as octokitVerify } from "@octokit/webhooks-methods";
import { verifyWebhook as clerkVerify } from "@clerk/backend/webhooks";
import { Signature as HubSpotSignature } from "@hubspot/api-client";
import { LinearWebhookClient } from "@linear/sdk/webhooks";
import { Paddle } from "@paddle/paddle-node-sdk";
import { EventWebhook } from "@sendgrid/eventwebhook";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { verifySlackRequest } from "@slack/bolt/dist/receivers/verify-request.js";
import { verifyKey as discordVerify } from "discord-interactions";
import { Resend } from "resend";
import type { WebhooksHelper as SquareWebhooksHelper } from "square";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import { Webhook as SvixWebhook } from "svix";
import * as twilio from "twilio/lib/webhooks/webhooks.js";
import type { CapturedRequest, SchemeId, SecretConfig } from "@/lib/server/signatures";
import { resignRequest, SCHEME_IDS, verifyRequest } from "@/lib/server/signatures";
import { JSON_BODY } from "./helpers";

// Every scheme is re-signed from a request whose signature is stale or wrong, then checked by
// Hookscope's verifier at the signing time and, where the provider ships one, by its own SDK
// (which reads the real clock, hence signing "now").

type Signed = Extract<ReturnType<typeof resignRequest>, { ok: true }>["request"];
type SdkCheck = (signed: Signed) => boolean | Promise<boolean>;

interface Case {
  secret: SecretConfig;
  /** The captured request: its signature headers carry stale or bogus values. */
  url?: string;
  headers: [string, string][];
  body?: string;
  /** For public-key schemes: the owner's private key. */
  privateKey?: string;
  sdk?: SdkCheck;
}

const URL_ = "https://handler.example.com/hooks/in?tenant=acme";
const STALE = "1500000000";
const text = (signed: Signed) => Buffer.from(signed.body).toString();
const lower = (signed: Signed) => Object.fromEntries(signed.headers.map(([name, value]) => [name.toLowerCase(), value]));
const attempt = (run: () => unknown) => {
  try {
    return run() !== false;
  } catch {
    return false;
  }
};
const rejectsNot = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
};

const SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const svixHeaders = (prefix: "svix" | "webhook"): [string, string][] => [
  ["content-type", "application/json"],
  [`${prefix}-id`, "msg_old"],
  [`${prefix}-timestamp`, STALE],
  [`${prefix}-signature`, "v1,AAAA"],
];
const svixAccepts = (signed: Signed) => attempt(() => new SvixWebhook(SW_SECRET).verify(text(signed), lower(signed)));

const squarePackage = dirname(createRequire(import.meta.url).resolve("square"));
const { WebhooksHelper } = createRequire(import.meta.url)(join(squarePackage, "wrapper/WebhooksHelper.js")) as {
  WebhooksHelper: typeof SquareWebhooksHelper;
};
const shopify = shopifyApi({
  apiKey: "api-key",
  apiSecretKey: "shpss_0123456789abcdef",
  scopes: [],
  hostName: "handler.example.com",
  apiVersion: ApiVersion.January25,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});
const paddle = new Paddle("pdl_sdbx_apikey_not_used_offline");
const stripe = new Stripe("sk_test_not_used_offline");

const discordPair = generateKeyPairSync("ed25519");
const discordPublicHex = Buffer.from(discordPair.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
const discordSeedHex = Buffer.from(discordPair.privateKey.export({ format: "jwk" }).d!, "base64url").toString("hex");
const sendgridPair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const sendgridPublic = sendgridPair.publicKey.export({ format: "der", type: "spki" }).toString("base64");
const sendgridPrivatePem = sendgridPair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
const eventWebhook = new EventWebhook();

const FORM = "To=%2B15551234567&From=%2B15557654321&Body=Hello+there";

const CASES: Record<SchemeId, Case> = {
  github: {
    secret: { scheme: "github", secret: "gh-secret" },
    headers: [
      ["X-GitHub-Event", "push"],
      ["X-Hub-Signature-256", "sha256=00"],
      ["X-Hub-Signature", "sha1=00"],
    ],
    sdk: (s) => octokitVerify("gh-secret", text(s), lower(s)["x-hub-signature-256"]!),
  },
  stripe: {
    secret: { scheme: "stripe", secret: "whsec_stripe_test" },
    headers: [["Stripe-Signature", `t=${STALE},v1=00`]],
    sdk: (s) => attempt(() => stripe.webhooks.constructEvent(text(s), lower(s)["stripe-signature"]!, "whsec_stripe_test")),
  },
  slack: {
    secret: { scheme: "slack", secret: "8f742231b10e8888abcd99yyyzzz85a5" },
    body: "token=x&team_id=T1&command=%2Fweather&text=94070",
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["X-Slack-Request-Timestamp", STALE],
      ["X-Slack-Signature", "v0=00"],
    ],
    sdk: (s) =>
      attempt(() =>
        verifySlackRequest({
          signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
          body: text(s),
          headers: { "x-slack-signature": lower(s)["x-slack-signature"]!, "x-slack-request-timestamp": Number(lower(s)["x-slack-request-timestamp"]) },
        }),
      ),
  },
  shopify: {
    secret: { scheme: "shopify", secret: "shpss_0123456789abcdef" },
    headers: [
      ["X-Shopify-Topic", "orders/create"],
      ["X-Shopify-Hmac-Sha256", "AAAA"],
      ["X-Shopify-Shop-Domain", "demo.myshopify.com"],
      ["X-Shopify-API-Version", "2025-01"],
      ["X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],
    ],
    sdk: async (s) =>
      (await shopify.webhooks.validate({ rawBody: text(s), rawRequest: { headers: lower(s), method: "POST", url: "/" } as never, rawResponse: {} as never }))
        .valid,
  },
  "standard-webhooks": {
    secret: { scheme: "standard-webhooks", secret: SW_SECRET },
    headers: svixHeaders("webhook"),
    sdk: (s) => attempt(() => new StandardWebhook(SW_SECRET).verify(text(s), lower(s))),
  },
  svix: { secret: { scheme: "svix", secret: SW_SECRET }, headers: svixHeaders("svix"), sdk: svixAccepts },
  clerk: {
    secret: { scheme: "clerk", secret: SW_SECRET },
    headers: svixHeaders("svix"),
    sdk: (s) =>
      rejectsNot(() => clerkVerify(new Request(s.url, { method: "POST", headers: s.headers, body: Buffer.from(s.body) }), { signingSecret: SW_SECRET })),
  },
  resend: {
    secret: { scheme: "resend", secret: SW_SECRET },
    headers: svixHeaders("svix"),
    sdk: (s) =>
      attempt(() =>
        new Resend("re_not_used_offline").webhooks.verify({
          payload: text(s),
          headers: { id: lower(s)["svix-id"]!, timestamp: lower(s)["svix-timestamp"]!, signature: lower(s)["svix-signature"]! },
          webhookSecret: SW_SECRET,
        }),
      ),
  },
  twilio: {
    secret: { scheme: "twilio", secret: "12345678901234567890123456789012" },
    body: FORM,
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["X-Twilio-Signature", "AAAA"],
    ],
    sdk: (s) =>
      twilio.validateRequest("12345678901234567890123456789012", lower(s)["x-twilio-signature"]!, s.url, Object.fromEntries(new URLSearchParams(text(s)))),
  },
  square: {
    secret: { scheme: "square", secret: "sq0wss-signature-key" },
    headers: [["x-square-hmacsha256-signature", "AAAA"]],
    sdk: (s) =>
      WebhooksHelper.verifySignature({
        requestBody: text(s),
        signatureHeader: lower(s)["x-square-hmacsha256-signature"]!,
        signatureKey: "sq0wss-signature-key",
        notificationUrl: s.url,
      }),
  },
  paddle: {
    secret: { scheme: "paddle", secret: "pdl_ntfset_01h8cq2vwd6h7gy7mp1dmxsrd0_abc" },
    headers: [["Paddle-Signature", `ts=${STALE};h1=00`]],
    sdk: (s) => paddle.webhooks.isSignatureValid(text(s), "pdl_ntfset_01h8cq2vwd6h7gy7mp1dmxsrd0_abc", lower(s)["paddle-signature"]!),
  },
  meta: {
    secret: { scheme: "meta", secret: "0123456789abcdef0123456789abcdef" },
    body: '{"object":"page","entry":[{"id":"1","changes":[]}]}',
    headers: [
      ["User-Agent", "facebookexternalua"],
      ["X-Hub-Signature-256", "sha256=00"],
    ],
  },
  zalo: {
    secret: { scheme: "zalo", secret: "zalo-oa-secret" },
    body: '{"app_id":"123","event_name":"user_send_text","timestamp":"1700000000000"}',
    headers: [["X-ZEvent-Signature", "mac=00"]],
  },
  gitlab: { secret: { scheme: "gitlab", secret: "gl-token" }, headers: [["X-Gitlab-Token", "old"]] },
  discord: {
    secret: { scheme: "discord", secret: discordPublicHex },
    headers: [
      ["X-Signature-Ed25519", "00"],
      ["X-Signature-Timestamp", STALE],
    ],
    privateKey: discordSeedHex,
    sdk: (s) => discordVerify(Buffer.from(s.body), lower(s)["x-signature-ed25519"]!, lower(s)["x-signature-timestamp"]!, discordPublicHex),
  },
  linear: {
    secret: { scheme: "linear", secret: "lin_wh_secret" },
    body: '{"action":"create","type":"Issue","data":{"id":"1"},"webhookTimestamp":1500000000000}',
    headers: [["Linear-Signature", "00"]],
    sdk: (s) => attempt(() => new LinearWebhookClient("lin_wh_secret").verify(Buffer.from(s.body), lower(s)["linear-signature"]!)),
  },
  intercom: { secret: { scheme: "intercom", secret: "ic-secret" }, headers: [["X-Hub-Signature", "sha1=00"]] },
  zoom: {
    secret: { scheme: "zoom", secret: "zoom-token" },
    headers: [
      ["x-zm-request-timestamp", STALE],
      ["x-zm-signature", "v0=00"],
    ],
  },
  twitch: {
    secret: { scheme: "twitch", secret: "twitch-secret-123" },
    headers: [
      ["Twitch-Eventsub-Message-Id", "old"],
      ["Twitch-Eventsub-Message-Timestamp", "2019-11-16T10:11:12.123456789Z"],
      ["Twitch-Eventsub-Message-Signature", "sha256=00"],
    ],
  },
  hubspot: {
    secret: { scheme: "hubspot", secret: "hubspot-client-secret" },
    headers: [
      ["X-HubSpot-Signature-v3", "AAAA"],
      ["X-HubSpot-Request-Timestamp", "1500000000000"],
    ],
    sdk: (s) =>
      attempt(() =>
        HubSpotSignature.isValid({
          signatureVersion: "v3",
          signature: lower(s)["x-hubspot-signature-v3"]!,
          clientSecret: "hubspot-client-secret",
          requestBody: text(s),
          url: s.url,
          method: "POST",
          timestamp: Number(lower(s)["x-hubspot-request-timestamp"]),
        }),
      ),
  },
  mailgun: {
    secret: { scheme: "mailgun", secret: "key-mailgun" },
    body: '{"signature":{"timestamp":"1500000000","token":"old","signature":"00"},"event-data":{"event":"delivered"}}',
    headers: [["Content-Type", "application/json"]],
  },
  sendgrid: {
    secret: { scheme: "sendgrid", secret: sendgridPublic },
    body: '[{"email":"a@example.com","event":"delivered"}]\r\n',
    headers: [
      ["X-Twilio-Email-Event-Webhook-Signature", "AAAA"],
      ["X-Twilio-Email-Event-Webhook-Timestamp", STALE],
    ],
    privateKey: sendgridPrivatePem,
    sdk: (s) =>
      attempt(() =>
        eventWebhook.verifySignature(
          eventWebhook.convertPublicKeyToECDSA(sendgridPublic),
          Buffer.from(s.body),
          lower(s)["x-twilio-email-event-webhook-signature"]!,
          lower(s)["x-twilio-email-event-webhook-timestamp"]!,
        ),
      ),
  },
  typeform: { secret: { scheme: "typeform", secret: "tf-secret" }, headers: [["Typeform-Signature", "sha256=AAAA"]] },
  calendly: { secret: { scheme: "calendly", secret: "cal-key" }, headers: [["Calendly-Webhook-Signature", `t=${STALE},v1=00`]] },
  woocommerce: { secret: { scheme: "woocommerce", secret: "wc&amp;secret" }, headers: [["X-WC-Webhook-Signature", "AAAA"]] },
  bitbucket: {
    secret: { scheme: "bitbucket", secret: "bb-secret" },
    headers: [
      ["X-Event-Key", "repo:push"],
      ["X-Hub-Signature", "sha256=00"],
    ],
  },
  sentry: { secret: { scheme: "sentry", secret: "sentry-secret" }, headers: [["Sentry-Hook-Signature", "00"]] },
  vercel: { secret: { scheme: "vercel", secret: "vercel-secret" }, headers: [["x-vercel-signature", "00"]] },
  telegram: { secret: { scheme: "telegram", secret: "tg_token-1" }, headers: [["X-Telegram-Bot-Api-Secret-Token", "old"]] },
  "generic-hmac": {
    secret: {
      scheme: "generic-hmac",
      secret: "generic-secret",
      options: {
        algorithm: "sha512",
        header: "X-Sig",
        prefix: "sha512=",
        encoding: "base64",
        template: "{id}|{timestamp}|{method}|{url}|{body}",
        timestampHeader: "X-Time",
        idHeader: "X-Id",
        secretEncoding: "utf8",
        toleranceSeconds: 300,
      },
    },
    headers: [
      ["X-Id", "old"],
      ["X-Time", "2020-01-01T00:00:00.000Z"],
      ["X-Sig", "sha512=AAAA"],
    ],
  },
};

function captured(c: Case): CapturedRequest {
  return {
    method: "POST",
    url: c.url ?? URL_,
    headers: c.headers.some(([name]) => name.toLowerCase() === "content-type") ? c.headers : [["Content-Type", "application/json"], ...c.headers],
    body: new TextEncoder().encode(c.body ?? JSON_BODY),
    receivedAt: Date.now(),
  };
}

describe("re-signing", () => {
  test("the loop below covers every scheme the verifier knows", () => {
    assert.deepEqual(Object.keys(CASES).sort(), [...SCHEME_IDS].sort());
  });

  for (const id of SCHEME_IDS) {
    const c = CASES[id];
    test(`${id}: a re-signed request passes Hookscope's verifier${c.sdk ? " and the provider's SDK" : ""}`, async () => {
      assert.ok(c, `no re-signing case for ${id}: add one (and a signer) for the new scheme`);
      const original = captured(c);
      assert.notEqual(verifyRequest(original, [c.secret]).status, "valid", "the captured request must not verify before re-signing");
      if (c.sdk) assert.equal(await c.sdk(original), false, `${id}'s SDK accepted the request before re-signing`);
      const now = Date.now();
      const result = resignRequest(original, c.secret, { now, privateKey: c.privateKey });
      assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
      const verdict = verifyRequest({ ...result.request, receivedAt: now }, [c.secret]);
      assert.equal(verdict.status, "valid", JSON.stringify(verdict, null, 2));
      assert.equal(verdict.scheme, id);
      assert.equal(result.summary.scheme, id);
      assert.ok(result.summary.replaced.length + result.summary.added.length > 0 || result.summary.bodyChanged);
      // Only the scheme's own headers change: the rest keep their values and order.
      const changed = new Set([...result.summary.replaced, ...result.summary.added].map((name) => name.toLowerCase()));
      const kept = (headers: readonly (readonly [string, string])[]) => headers.filter(([name]) => !changed.has(name.toLowerCase()));
      assert.deepEqual(kept(result.request.headers), kept(original.headers));
      if (c.sdk) assert.equal(await c.sdk(result.request), true, `${id}'s SDK refused the re-signed request`);
    });
  }

  test("the summary names what was replaced and never carries a value", () => {
    const c = CASES.telegram;
    const result = resignRequest(captured(c), c.secret);
    assert.ok(result.ok);
    assert.deepEqual(result.summary.replaced, ["X-Telegram-Bot-Api-Secret-Token"]);
    assert.ok(!JSON.stringify(result.summary).includes(c.secret.secret));
  });

  test("schemes with a signed message id get a fresh one on each re-signing", () => {
    for (const id of ["standard-webhooks", "svix", "twitch"] as const) {
      const c = CASES[id];
      const idOf = (r: ReturnType<typeof resignRequest>) => {
        assert.ok(r.ok);
        return r.request.headers.find(([name]) => /-id$/i.test(name))![1];
      };
      const first = idOf(resignRequest(captured(c), c.secret));
      const second = idOf(resignRequest(captured(c), c.secret));
      assert.notEqual(first, "old");
      assert.notEqual(first, "msg_old");
      assert.notEqual(first, second);
    }
  });

  test("public-key schemes are refused by name without a private key, and with a key that is not the pair", () => {
    const other = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    for (const id of ["discord", "sendgrid"] as const) {
      const c = CASES[id];
      const refused = resignRequest(captured(c), c.secret);
      assert.equal(refused.ok, false);
      assert.match(!refused.ok ? refused.reason : "", id === "discord" ? /Discord.*private key/ : /SendGrid.*private key/);
      const wrong = resignRequest(captured(c), c.secret, {
        privateKey: id === "discord" ? other : sendgridPair.publicKey.export({ format: "pem", type: "spki" }).toString(),
      });
      assert.equal(wrong.ok, false);
    }
  });

  test("Standard Webhooks v1a: refused for a whpk_ key alone, signed with the owner's whsk_ key", () => {
    const pair = generateKeyPairSync("ed25519");
    const seed = Buffer.from(pair.privateKey.export({ format: "jwk" }).d!, "base64url");
    const pub = Buffer.from(pair.publicKey.export({ format: "jwk" }).x!, "base64url");
    const secret: SecretConfig = { scheme: "standard-webhooks", secret: `whpk_${pub.toString("base64")}` };
    const original = captured(CASES["standard-webhooks"]);
    const refused = resignRequest(original, secret);
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reason : "", /Standard Webhooks.*whsk_/);
    const now = Date.now();
    const signed = resignRequest(original, secret, { now, privateKey: `whsk_${Buffer.concat([seed, pub]).toString("base64")}` });
    assert.ok(signed.ok);
    assert.equal(verifyRequest({ ...signed.request, receivedAt: now }, [secret]).status, "valid");
  });

  test("Twilio with a JSON body: bodySHA256 is set in the URL and the SDK accepts the body", () => {
    const c: Case = { secret: CASES.twilio.secret, headers: [["X-Twilio-Signature", "AAAA"]] };
    const result = resignRequest(captured(c), c.secret);
    assert.ok(result.ok);
    assert.ok(result.summary.urlChanged);
    assert.match(result.request.url, /^https:\/\/handler\.example\.com\/hooks\/in\?tenant=acme&bodySHA256=[0-9a-f]{64}$/);
    const signature = result.request.headers.find(([name]) => name === "X-Twilio-Signature")![1];
    assert.equal(twilio.validateRequestWithBody(c.secret.secret, signature, result.request.url, JSON_BODY), true);
  });

  test("Linear's body keeps every byte but the refreshed webhookTimestamp", () => {
    const c = CASES.linear;
    const now = Date.now();
    const result = resignRequest(captured(c), c.secret, { now });
    assert.ok(result.ok);
    assert.equal(Buffer.from(result.request.body).toString(), c.body!.replace("1500000000000", String(now)));
    assert.ok(result.summary.bodyChanged);
  });
});
