import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import type { GenericHmacOptions, SchemeId, SecretConfig } from "@/lib/server/signatures";
import { deliveryId, detectScheme, genericHmacOptionsSchema, SCHEME_IDS, SCHEMES, secretConfigSchema, verifyRequest } from "@/lib/server/signatures";
import { check, encoder, expectVerdict, hmacHex, JSON_BODY, RECEIVED_S, request, tamper, withoutHeader } from "./helpers";

const GH_SECRET = "gh-secret";
const githubSigned = (body: string, signedBody = body) =>
  request({
    body,
    headers: [
      ["X-GitHub-Event", "push"],
      ["X-Hub-Signature-256", `sha256=${hmacHex("sha256", GH_SECRET, signedBody)}`],
    ],
  });

const stripeHeader = (secret: string, ts = RECEIVED_S) => `t=${ts},v1=${hmacHex("sha256", secret, `${ts}.${JSON_BODY}`)}`;

describe("statuses", () => {
  test("signed, but the bin has no secret at all: no_secret, naming the scheme and header", () => {
    const verdict = expectVerdict(verifyRequest(githubSigned(JSON_BODY), []), "no_secret", "X-Hub-Signature-256");
    assert.equal(verdict.scheme, "github");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("Webhook secret")));
  });
  test("signed by a provider the bin has no secret for: no_secret, listing what the bin has", () => {
    const req = request({ headers: [["Stripe-Signature", stripeHeader("whsec_x")]] });
    const verdict = expectVerdict(check(req, { scheme: "github", secret: GH_SECRET }), "no_secret", "no Stripe secret");
    assert.ok(verdict.details?.hints?.includes("This bin has secrets for: GitHub."));
  });
  test("no signature and no generic scheme: not_signed", () => {
    const verdict = expectVerdict(verifyRequest(request({}), []), "not_signed", "no signature header");
    assert.equal(verdict.scheme, null);
    expectVerdict(check(request({}), { scheme: "stripe", secret: "whsec_x" }), "not_signed", "Stripe-Signature");
  });
  test("header lookup is case-insensitive", () => {
    const req = request({ headers: [["x-hub-signature-256", `sha256=${hmacHex("sha256", GH_SECRET, JSON_BODY)}`]] });
    expectVerdict(check(req, { scheme: "github", secret: GH_SECRET }), "valid", "verified");
  });
  test("a duplicated signature header uses the first and says so", () => {
    const good = `sha256=${hmacHex("sha256", GH_SECRET, JSON_BODY)}`;
    const req = request({
      headers: [
        ["X-Hub-Signature-256", "sha256=00"],
        ["X-Hub-Signature-256", good],
      ],
    });
    const verdict = expectVerdict(check(req, { scheme: "github", secret: GH_SECRET }), "invalid", "does not match");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("appears 2 times")));
  });
});

describe("several secrets", () => {
  test("rotation: the second Stripe secret verifies and the reason says which one", () => {
    const req = request({ headers: [["Stripe-Signature", stripeHeader("whsec_new")]] });
    expectVerdict(
      check(req, [
        { scheme: "stripe", secret: "whsec_old" },
        { scheme: "stripe", secret: "whsec_new" },
      ]),
      "valid",
      "secret 2 of 2",
    );
  });
  test("none verifies: all were tried, and the answer says so", () => {
    const req = request({ headers: [["Stripe-Signature", stripeHeader("whsec_other")]] });
    const verdict = expectVerdict(
      check(req, [
        { scheme: "stripe", secret: "whsec_old" },
        { scheme: "stripe", secret: "whsec_new" },
      ]),
      "invalid",
      "does not match (secret 1 of 2)",
    );
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("All 2 configured Stripe secrets were tried")));
  });
  test("secrets of other schemes sharing the header are tried too (GitHub and Meta)", () => {
    const body = '{"object":"page","entry":[]}';
    const req = request({ body, headers: [["X-Hub-Signature-256", `sha256=${hmacHex("sha256", "meta-secret", body)}`]] });
    const verdict = expectVerdict(
      check(req, [
        { scheme: "github", secret: GH_SECRET },
        { scheme: "meta", secret: "meta-secret" },
      ]),
      "valid",
      "Meta",
    );
    assert.equal(verdict.scheme, "meta");
  });
  test("a matching signature with a stale timestamp is reported over a plain mismatch", () => {
    const ts = RECEIVED_S - 1000;
    const req = request({ headers: [["Stripe-Signature", stripeHeader("whsec_right", ts)]] });
    const verdict = expectVerdict(
      check(req, [
        { scheme: "stripe", secret: "whsec_wrong" },
        { scheme: "stripe", secret: "whsec_right" },
      ]),
      "invalid",
      "signature matches (secret 2 of 2)",
    );
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(verdict.details?.timestampAgeSeconds, 1000);
  });
});

describe("hints", () => {
  const secret = { scheme: "github" as const, secret: GH_SECRET };
  const pretty = JSON.stringify(JSON.parse(JSON_BODY), null, 2);
  test("the sender signed compact JSON, a proxy re-indented it: the body looks re-serialised", () => {
    const verdict = expectVerdict(check(githubSigned(pretty, JSON_BODY), secret), "invalid", "The body looks re-serialised");
    assert.ok(verdict.details?.hints?.[0]?.includes("compact JSON"));
  });
  test("the sender signed 2-space JSON but sent it compact", () => {
    expectVerdict(check(githubSigned(JSON_BODY, pretty), secret), "invalid", "2-space indentation");
  });
  test("a trailing newline added on the way is named", () => {
    expectVerdict(check(githubSigned(`${JSON_BODY}\n`, JSON_BODY), secret), "invalid", "trailing whitespace or newline");
  });
  test("without a verifying alternative, the hints say what to check", () => {
    const verdict = expectVerdict(check(githubSigned(pretty, "something else"), secret), "invalid", "does not match");
    const hints = verdict.details?.hints?.join("\n") ?? "";
    assert.match(hints, /Check that the secret is the Webhook secret/);
    assert.match(hints, /indented JSON/);
  });
  test("whitespace around a configured secret is named", () => {
    expectVerdict(check(githubSigned(JSON_BODY), { scheme: "github", secret: `${GH_SECRET}\n` }), "invalid", "extra whitespace");
  });
  test("a body that is not UTF-8 is checked byte for byte", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41]);
    const sig = `sha256=${hmacHex("sha256", GH_SECRET, bytes)}`;
    const req = { ...request({ headers: [["X-Hub-Signature-256", sig]] }), body: bytes };
    const verdict = expectVerdict(check(req, secret), "valid", "verified");
    assert.ok(typeof verdict.details?.signedPayloadPreview === "string");
  });
});

describe("detection", () => {
  const enc = (text: string) => encoder.encode(text);
  const cases: [SchemeId, [string, string][], Uint8Array?][] = [
    [
      "github",
      [
        ["X-Hub-Signature-256", "sha256=0"],
        ["X-GitHub-Event", "push"],
      ],
    ],
    ["stripe", [["Stripe-Signature", "t=1,v1=0"]]],
    ["slack", [["X-Slack-Signature", "v0=0"]]],
    ["shopify", [["X-Shopify-Hmac-Sha256", "0"]]],
    ["standard-webhooks", [["webhook-signature", "v1,0"]]],
    ["svix", [["svix-signature", "v1,0"]]],
    ["clerk", [["svix-signature", "v1,0"]], enc('{"object":"event","type":"user.created","instance_id":"ins_1"}')],
    ["resend", [["svix-signature", "v1,0"]], enc('{"type":"email.sent","data":{}}')],
    ["twilio", [["X-Twilio-Signature", "0"]]],
    ["square", [["x-square-hmacsha256-signature", "0"]]],
    ["paddle", [["Paddle-Signature", "ts=1;h1=0"]]],
    ["meta", [["X-Hub-Signature-256", "sha256=0"]], enc('{"object":"instagram","entry":[]}')],
    ["zalo", [["X-ZEvent-Signature", "mac=0"]]],
    ["gitlab", [["X-Gitlab-Token", "t"]]],
    ["discord", [["X-Signature-Ed25519", "0"]]],
    ["linear", [["Linear-Signature", "0"]]],
    ["intercom", [["X-Hub-Signature", "sha1=0"]]],
    ["zoom", [["x-zm-signature", "v0=0"]]],
    ["twitch", [["Twitch-Eventsub-Message-Signature", "sha256=0"]]],
    ["hubspot", [["X-HubSpot-Signature-v3", "0"]]],
    ["mailgun", [], enc('{"signature":{"timestamp":"1","token":"t","signature":"s"}}')],
    ["sendgrid", [["X-Twilio-Email-Event-Webhook-Signature", "0"]]],
    ["typeform", [["Typeform-Signature", "sha256=0"]]],
    ["calendly", [["Calendly-Webhook-Signature", "t=1,v1=0"]]],
    ["woocommerce", [["X-WC-Webhook-Signature", "0"]]],
    [
      "bitbucket",
      [
        ["X-Hub-Signature", "sha256=0"],
        ["X-Event-Key", "repo:push"],
      ],
    ],
    ["sentry", [["Sentry-Hook-Signature", "0"]]],
    ["vercel", [["x-vercel-signature", "0"]]],
    ["telegram", [["X-Telegram-Bot-Api-Secret-Token", "t"]]],
  ];
  test("every provider scheme is detected from what it sends", () => {
    const covered = new Set(cases.map(([id]) => id));
    assert.deepEqual(
      SCHEME_IDS.filter((id) => id !== "generic-hmac" && !covered.has(id)),
      [],
      "every scheme has a detection case",
    );
    for (const [id, headers, body] of cases) assert.equal(detectScheme(headers, body), id, `detecting ${id}`);
  });
  test("nothing known: null", () => {
    assert.equal(
      detectScheme([
        ["Content-Type", "application/json"],
        ["X-Signature", "abc"],
      ]),
      null,
    );
  });
});

describe("catalogue and configuration", () => {
  test("SCHEMES lists every scheme once, with what its secret looks like", () => {
    assert.deepEqual(
      SCHEMES.map((scheme) => scheme.id),
      [...SCHEME_IDS],
    );
    for (const scheme of SCHEMES) {
      assert.ok(scheme.name && scheme.secret.label && scheme.secret.example, scheme.id);
      if (scheme.id !== "mailgun" && scheme.id !== "generic-hmac") assert.ok(scheme.signatureHeaders.length > 0, scheme.id);
    }
    assert.equal(SCHEMES.find((s) => s.id === "stripe")?.window, "300 s; only too-old timestamps are rejected");
    assert.equal(SCHEMES.find((s) => s.id === "twilio")?.signsUrl, true);
  });
  test("the secret schema explains what is wrong", () => {
    const message = (input: unknown) => {
      const parsed = secretConfigSchema.safeParse(input);
      assert.equal(parsed.success, false, JSON.stringify(input));
      return parsed.error!.issues.map((issue) => issue.message).join("; ");
    };
    assert.match(message({ scheme: "paypal", secret: "x" }), /unknown scheme "paypal"; expected one of github, stripe/);
    assert.match(message({ secret: "x" }), /scheme is required/);
    assert.match(message({ scheme: "stripe", secret: "" }), /secret is empty/);
    assert.match(message({ scheme: "stripe", secret: "   " }), /secret is empty/);
    assert.match(message({ scheme: "stripe", secret: "whsec_abc\n" }), /line breaks/);
    assert.match(message({ scheme: "standard-webhooks", secret: "whsec_not*base64" }), /not base64/);
    assert.match(message({ scheme: "standard-webhooks", secret: "whpk_AAAA" }), /Ed25519 key cannot be read/);
    assert.match(message({ scheme: "twitch", secret: "short" }), /10 to 100/);
    assert.match(message({ scheme: "github", secret: "s", options: { header: "X" } }), /options only apply to generic-hmac/);
    assert.match(message({ scheme: "stripe", secret: "s", toleranceSeconds: -1 }), /cannot be negative/);
    assert.equal(secretConfigSchema.safeParse({ scheme: "standard-webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }).success, true);
    assert.equal(secretConfigSchema.safeParse({ scheme: "stripe", secret: "whsec_anything", toleranceSeconds: 0 }).success, true);
  });
});

const SECRET = "generic-shared-secret";

function config(options: Partial<GenericHmacOptions> & { header: string }, secret = SECRET): SecretConfig {
  const parsed = secretConfigSchema.parse({ scheme: "generic-hmac", secret, options });
  return parsed;
}

describe("generic HMAC with a {timestamp}.{body} template", () => {
  const secret = config({
    header: "X-Signature",
    prefix: "sha256=",
    template: "{timestamp}.{body}",
    timestampHeader: "X-Timestamp",
    toleranceSeconds: 300,
  });
  const make = (ts = RECEIVED_S - 7, key = SECRET, body = JSON_BODY) =>
    request({
      body,
      headers: [
        ["X-Timestamp", String(ts)],
        ["X-Signature", `sha256=${hmacHex("sha256", key, `${ts}.${body}`)}`],
      ],
    });

  test("valid", () => {
    const verdict = expectVerdict(check(make(), secret), "valid", 'HMAC-SHA-256 of "{timestamp}.{body}"');
    assert.equal(verdict.details?.timestampAgeSeconds, 7);
    assert.ok(verdict.details?.signedPayloadPreview?.startsWith(`${RECEIVED_S - 7}.{`));
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(make()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(make(RECEIVED_S, "nope"), secret), "invalid", "does not match");
  });
  test("stale timestamp (either direction)", () => {
    expectVerdict(check(make(RECEIVED_S - 400), secret), "invalid", /400 s old.*300 s either way/);
    const ahead = expectVerdict(check(make(RECEIVED_S + 400), secret), "invalid", "400 s in the future");
    assert.equal(ahead.details?.replaySuspected, true);
  });
  test("missing headers", () => {
    expectVerdict(check(withoutHeader(make(), "X-Signature"), secret), "invalid", "X-Signature header that the generic HMAC configuration expects is missing");
    expectVerdict(check(withoutHeader(make(), "X-Timestamp"), secret), "invalid", "X-Timestamp header is missing");
  });
});

describe("generic HMAC options", () => {
  test("{method} {url} {id}, SHA-512, base64, and a base64 secret", () => {
    const keyBytes = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    const secret = config(
      {
        header: "X-Sig",
        algorithm: "sha512",
        encoding: "base64",
        template: "{method} {url}\n{id}\n{body}",
        idHeader: "X-Delivery",
        secretEncoding: "base64",
      },
      keyBytes.toString("base64"),
    );
    const url = "https://hooks.example.com/h/bin123/generic?x=1";
    const signed = `PUT ${url}\nd-77\n${JSON_BODY}`;
    const req = request({
      method: "PUT",
      url,
      headers: [
        ["X-Delivery", "d-77"],
        ["X-Sig", createHmac("sha512", keyBytes).update(signed).digest("base64")],
      ],
    });
    expectVerdict(check(req, secret), "valid", "SHA-512");
    expectVerdict(check({ ...req, method: "POST" }, secret), "invalid", "does not match");
  });

  test("a base64 signature where hex is configured is named", () => {
    const secret = config({ header: "X-Sig" });
    const req = request({ headers: [["X-Sig", createHmac("sha256", SECRET).update(JSON_BODY).digest("base64")]] });
    expectVerdict(check(req, secret), "invalid", "read as base64, but this scheme expects hex");
  });

  test("a SHA-1 signature where SHA-256 is configured is named", () => {
    const secret = config({ header: "X-Sig" });
    const req = request({ headers: [["X-Sig", hmacHex("sha1", SECRET, JSON_BODY)]] });
    expectVerdict(check(req, secret), "invalid", "SHA-1 digest");
  });

  test("a different prefix is named", () => {
    const secret = config({ header: "X-Sig", prefix: "" });
    const req = request({ headers: [["X-Sig", `sha256=${hmacHex("sha256", SECRET, JSON_BODY)}`]] });
    expectVerdict(check(req, secret), "invalid", 'preceded by "sha256="');
  });

  test("a secret the sender decoded from base64 is named", () => {
    const text = "c2VjcmV0LWJ5dGVzLWhlcmU=";
    const secret = config({ header: "X-Sig" }, text);
    const req = request({ headers: [["X-Sig", hmacHex("sha256", Buffer.from(text, "base64"), JSON_BODY)]] });
    expectVerdict(check(req, secret), "invalid", "set secretEncoding to base64");
  });

  test("a whsec_ secret: raw text versus decoded", () => {
    const whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const secret = config({ header: "X-Sig", secretEncoding: "base64" }, whsec);
    const req = request({ headers: [["X-Sig", hmacHex("sha256", whsec, JSON_BODY)]] });
    expectVerdict(check(req, secret), "invalid", "whsec_ key used as raw text");
  });

  test("invalid options give clear messages", () => {
    const problems = (input: unknown) => {
      const parsed = genericHmacOptionsSchema.safeParse(input);
      assert.equal(parsed.success, false);
      return parsed.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
    };
    assert.match(problems({}), /header: header \(the signature header\) must be a header name/);
    assert.match(problems({ header: "Bad Header" }), /not a valid HTTP header name/);
    assert.match(problems({ header: "X-Sig", algorithm: "md5" }), /algorithm must be sha1, sha256 or sha512/);
    assert.match(problems({ header: "X-Sig", encoding: "base32" }), /encoding must be hex or base64/);
    assert.match(problems({ header: "X-Sig", template: "{body}.{nonce}" }), /unknown placeholder \{nonce\}/);
    assert.match(problems({ header: "X-Sig", template: "{timestamp}.{body}" }), /timestampHeader is required/);
    assert.match(problems({ header: "X-Sig", template: "{id}.{body}" }), /idHeader is required/);
    assert.match(problems({ header: "X-Sig", toleranceSeconds: 60 }), /toleranceSeconds needs a signed timestamp/);
    const missing = secretConfigSchema.safeParse({ scheme: "generic-hmac", secret: "s" });
    assert.match(missing.error!.issues[0]!.message, /generic-hmac needs options/);
    const hex = secretConfigSchema.safeParse({ scheme: "generic-hmac", secret: "xyz", options: { header: "X-Sig", secretEncoding: "hex" } });
    assert.match(hex.error!.issues[0]!.message, /not valid hex/);
  });
});

const none = new Uint8Array();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));

test("provider delivery headers come first", () => {
  assert.deepEqual(
    deliveryId(
      [
        ["x-github-delivery", "72d3162e"],
        ["X-Request-Id", "proxy"],
      ],
      none,
    ),
    {
      source: "X-GitHub-Delivery",
      value: "72d3162e",
    },
  );
  assert.deepEqual(deliveryId([["webhook-id", "msg_1"]], none), { source: "webhook-id", value: "msg_1" });
  assert.deepEqual(deliveryId([["svix-id", "msg_2"]], none), { source: "svix-id", value: "msg_2" });
  assert.deepEqual(deliveryId([["Twitch-Eventsub-Message-Id", "t-1"]], none), { source: "Twitch-Eventsub-Message-Id", value: "t-1" });
  assert.deepEqual(
    deliveryId(
      [
        ["X-Shopify-Webhook-Id", "s-1"],
        ["X-Shopify-Event-Id", "e-1"],
      ],
      none,
    ),
    {
      source: "X-Shopify-Webhook-Id",
      value: "s-1",
    },
  );
  assert.deepEqual(deliveryId([["I-Twilio-Idempotency-Token", "tw-1"]], none), { source: "I-Twilio-Idempotency-Token", value: "tw-1" });
});

test("the Stripe event id is read from the body only when Stripe signed it", () => {
  const body = json({ id: "evt_1NG8Du2eZvKYlo2CUI79vXWy", object: "event" });
  assert.deepEqual(deliveryId([["Stripe-Signature", "t=1,v1=0"]], body), { source: "body.id (Stripe event)", value: "evt_1NG8Du2eZvKYlo2CUI79vXWy" });
  assert.equal(deliveryId([["Content-Type", "application/json"]], body), null);
});

test("other providers' body ids", () => {
  assert.deepEqual(deliveryId([["Paddle-Signature", "ts=1;h1=0"]], json({ notification_id: "ntf_1", event_id: "evt_1" })), {
    source: "body.notification_id (Paddle)",
    value: "ntf_1",
  });
  assert.deepEqual(deliveryId([["X-Slack-Signature", "v0=0"]], json({ event_id: "Ev123" })), {
    source: "body.event_id (Slack Events API)",
    value: "Ev123",
  });
  assert.deepEqual(deliveryId([["X-Telegram-Bot-Api-Secret-Token", "t"]], json({ update_id: 10000 })), {
    source: "body.update_id (Telegram)",
    value: "10000",
  });
  assert.deepEqual(deliveryId([], json({ signature: { token: "t" }, "event-data": { id: "mg-1" } })), {
    source: "body.event-data.id (Mailgun)",
    value: "mg-1",
  });
});

test("Idempotency-Key before X-Request-Id, which comes last because proxies add it", () => {
  assert.deepEqual(
    deliveryId(
      [
        ["X-Request-Id", "r-1"],
        ["Idempotency-Key", "k-1"],
      ],
      none,
    ),
    { source: "Idempotency-Key", value: "k-1" },
  );
  assert.deepEqual(deliveryId([["x-request-id", "r-1"]], none), { source: "X-Request-Id", value: "r-1" });
  assert.deepEqual(
    deliveryId(
      [
        ["Stripe-Signature", "t=1,v1=0"],
        ["X-Request-Id", "r-1"],
      ],
      encoder.encode("not json"),
    ),
    {
      source: "X-Request-Id",
      value: "r-1",
    },
  );
});

test("nothing usable: null (empty or absurdly long values are ignored)", () => {
  assert.equal(deliveryId([], none), null);
  assert.equal(deliveryId([["X-GitHub-Delivery", "  "]], none), null);
  assert.equal(deliveryId([["webhook-id", "x".repeat(300)]], none), null);
});

test("a sure detection without a secret wins over a secret for a provider that shares the header", () => {
  const body = JSON_BODY;
  const req = request({
    body,
    headers: [
      ["X-GitHub-Event", "push"],
      ["X-Hub-Signature", `sha1=${hmacHex("sha1", "gh", body)}`],
      ["X-Hub-Signature-256", `sha256=${hmacHex("sha256", "gh", body)}`],
    ],
  });
  const verdict = expectVerdict(check(req, { scheme: "intercom", secret: "intercom-secret" }), "no_secret", "no GitHub secret");
  assert.ok(verdict.details?.hints?.some((hint) => hint.startsWith("The configured Intercom secret was tried instead")));
});
