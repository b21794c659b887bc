import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { sign, verify } from "@octokit/webhooks-methods";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import type { CapturedRequest, SchemeId } from "@/lib/server/signatures";
import { detectScheme } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, hmacBase64, hmacHex, JSON_BODY, request, tamper, withoutHeader } from "./helpers";

const SECRET = "It's a Secret to Everybody";

async function githubRequest(body = JSON_BODY, secret = SECRET): Promise<CapturedRequest> {
  return request({
    body,
    headers: [
      ["Content-Type", "application/json"],
      ["User-Agent", "GitHub-Hookshot/abc123"],
      ["X-GitHub-Event", "push"],
      ["X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"],
      ["X-Hub-Signature", `sha1=${hmacHex("sha1", secret, body)}`],
      ["X-Hub-Signature-256", await sign(secret, body)],
    ],
  });
}

const octokitAccepts = (req: CapturedRequest, secret = SECRET) =>
  verify(secret, Buffer.from(req.body).toString(), req.headers.find(([name]) => name === "X-Hub-Signature-256")?.[1] ?? "");

describe("github", () => {
  const secret = { scheme: "github" as const, secret: SECRET };
  test("valid (signed and verified by @octokit/webhooks-methods)", async () => {
    const req = await githubRequest();
    const verdict = expectVerdict(check(req, secret), "valid", "GitHub signature verified from X-Hub-Signature-256");
    assert.equal(await octokitAccepts(req), true);
    assertNoSecret(verdict, SECRET);
  });
  test("tampered body", async () => {
    const req = tamper(await githubRequest());
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(await octokitAccepts(req), false);
  });
  test("wrong secret", async () => {
    const req = await githubRequest();
    expectVerdict(check(req, { scheme: "github", secret: "not it" }), "invalid", "does not match");
    assert.equal(await octokitAccepts(req, "not it"), false);
  });
  test("missing signature headers", async () => {
    const req = withoutHeader(withoutHeader(await githubRequest(), "X-Hub-Signature-256"), "X-Hub-Signature");
    expectVerdict(check(req, secret), "not_signed", "X-Hub-Signature-256");
  });
  test("the legacy sha1 header alone still verifies, with a note", async () => {
    const req = withoutHeader(await githubRequest(), "X-Hub-Signature-256");
    expectVerdict(check(req, secret), "valid", /HMAC-SHA1.*legacy/);
    expectVerdict(check(tamper(req), secret), "invalid", "X-Hub-Signature does not match");
  });
  test("upper-case hex fails as it does in octokit, and the hint says why", async () => {
    const req = await githubRequest();
    const upper = {
      ...req,
      headers: req.headers.map(([name, value]): [string, string] =>
        name === "X-Hub-Signature-256" ? [name, `sha256=${value.slice(7).toUpperCase()}`] : [name, value],
      ),
    };
    const verdict = expectVerdict(check(upper, secret), "invalid", "letter case");
    assert.equal(await octokitAccepts(upper), false);
    assert.ok(verdict.details?.hints?.length);
  });
});

describe("meta", () => {
  const APP_SECRET = "9f86d081884c7d659a2feaa0c55ad015";
  const secret = { scheme: "meta" as const, secret: APP_SECRET };
  // Meta signs its escaped-unicode JSON; the raw bytes as sent are what must verify.
  const body = '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"message":{"text":"caf\\u00e9"}}]}]}';
  const metaRequest = (b = body) =>
    request({
      body: b,
      headers: [
        ["User-Agent", "facebookexternalua"],
        ["X-Hub-Signature", `sha1=${hmacHex("sha1", APP_SECRET, b)}`],
        ["X-Hub-Signature-256", `sha256=${hmacHex("sha256", APP_SECRET, b)}`],
      ],
    });
  test("valid", () => {
    expectVerdict(check(metaRequest(), secret), "valid", "Meta");
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(metaRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(metaRequest(), { scheme: "meta", secret: "0".repeat(32) }), "invalid", "does not match");
  });
  test("missing header", () => {
    const req = withoutHeader(withoutHeader(metaRequest(), "X-Hub-Signature-256"), "X-Hub-Signature");
    expectVerdict(check(req, secret), "not_signed", "X-Hub-Signature");
  });
  test("a body whose \\u escapes were decoded on the way is recognised as re-serialised", () => {
    const signedFor = metaRequest();
    const decoded = JSON.stringify(JSON.parse(body));
    const req = { ...signedFor, body: new TextEncoder().encode(decoded) };
    expectVerdict(check(req, secret), "invalid", "re-serialised");
  });
});

describe("intercom", () => {
  const CLIENT_SECRET = "intercom-client-secret-1234";
  const secret = { scheme: "intercom" as const, secret: CLIENT_SECRET };
  const intercomRequest = () =>
    request({
      headers: [
        ["User-Agent", "intercom-parrot-service-worker"],
        ["X-Hub-Signature", `sha1=${hmacHex("sha1", CLIENT_SECRET, JSON_BODY)}`],
      ],
    });
  test("valid", () => {
    expectVerdict(check(intercomRequest(), secret), "valid", "Intercom signature verified");
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(intercomRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(intercomRequest(), { scheme: "intercom", secret: "nope" }), "invalid", "does not match");
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(intercomRequest(), "X-Hub-Signature"), secret), "not_signed", "X-Hub-Signature");
  });
});

describe("bitbucket", () => {
  const WEBHOOK_SECRET = "bitbucket-secret-42";
  const secret = { scheme: "bitbucket" as const, secret: WEBHOOK_SECRET };
  const bitbucketRequest = () =>
    request({
      headers: [
        ["User-Agent", "Bitbucket-Webhooks/2.0"],
        ["X-Event-Key", "repo:push"],
        ["X-Request-UUID", "c4b1f5d2-0000-4000-8000-000000000000"],
        ["X-Hub-Signature", `sha256=${hmacHex("sha256", WEBHOOK_SECRET, JSON_BODY)}`],
      ],
    });
  test("valid", () => {
    expectVerdict(check(bitbucketRequest(), secret), "valid", "Bitbucket signature verified");
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(bitbucketRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(bitbucketRequest(), { scheme: "bitbucket", secret: "nope" }), "invalid", "does not match");
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(bitbucketRequest(), "X-Hub-Signature"), secret), "not_signed", "X-Hub-Signature");
  });
  test("a GitHub secret and a Bitbucket delivery: Bitbucket is named", () => {
    const sure = expectVerdict(check(bitbucketRequest(), { scheme: "github", secret: WEBHOOK_SECRET }), "no_secret", "no Bitbucket secret");
    assert.ok(sure.details?.hints?.some((hint) => hint.includes("GitHub secret was tried instead")));
    // Without Bitbucket's other headers the delivery could be anyone's; the GitHub check explains itself.
    const bare = withoutHeader(withoutHeader(bitbucketRequest(), "X-Event-Key"), "User-Agent");
    const verdict = expectVerdict(check(bare, { scheme: "github", secret: WEBHOOK_SECRET }), "invalid", "does not match");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("Bitbucket")));
  });
});

describe("X-Hub-Signature detection", () => {
  test("each provider is told apart by the headers it sends with the signature", async () => {
    assert.equal(detectScheme((await githubRequest()).headers), "github");
    assert.equal(
      detectScheme([
        ["X-Hub-Signature-256", "sha256=00"],
        ["User-Agent", "facebookexternalua"],
      ]),
      "meta",
    );
    const metaBody = new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[]}');
    assert.equal(detectScheme([["X-Hub-Signature-256", "sha256=00"]], metaBody), "meta");
    assert.equal(detectScheme([["X-Hub-Signature", "sha1=00"]]), "intercom");
    assert.equal(detectScheme([["X-Hub-Signature", "sha256=00"]]), "bitbucket");
    assert.equal(
      detectScheme([
        ["X-Hub-Signature", "sha256=00"],
        ["X-Event-Key", "repo:push"],
        ["X-Request-UUID", "u"],
      ]),
      "bitbucket",
    );
    // With nothing else to go on, X-Hub-Signature-256 is GitHub's.
    assert.equal(detectScheme([["x-hub-signature-256", "sha256=00"]]), "github");
  });
});

describe("shopify", () => {
  const API_SECRET = "shpss_0123456789abcdef0123456789abcdef";
  const secret = { scheme: "shopify" as const, secret: API_SECRET };
  const shopify = shopifyApi({
    apiKey: "api-key",
    apiSecretKey: API_SECRET,
    scopes: [],
    hostName: "hooks.example.com",
    apiVersion: ApiVersion.January25,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  // Shopify's library only verifies: the documented HMAC signs, shopify.webhooks.validate referees.
  const shopifyRequest = (key = API_SECRET, header = "X-Shopify-Hmac-Sha256") =>
    request({
      headers: [
        ["Content-Type", "application/json"],
        [header, hmacBase64("sha256", key, JSON_BODY)],
        ["X-Shopify-Topic", "orders/create"],
        ["X-Shopify-Shop-Domain", "demo.myshopify.com"],
        ["X-Shopify-API-Version", "2025-01"],
        ["X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"],
      ],
    });
  const sdkAccepts = async (req: CapturedRequest) => {
    const result = await shopify.webhooks.validate({
      rawBody: Buffer.from(req.body).toString(),
      rawRequest: { headers: Object.fromEntries(req.headers.map(([n, v]) => [n.toLowerCase(), v])), method: "POST", url: "/" } as never,
      rawResponse: {} as never,
    });
    return result.valid;
  };

  test("valid, as shopify.webhooks.validate agrees", async () => {
    const req = shopifyRequest();
    const verdict = expectVerdict(check(req, secret), "valid", "Shopify signature verified");
    assert.equal(await sdkAccepts(req), true);
    assertNoSecret(verdict, API_SECRET);
  });
  test("tampered body", async () => {
    const req = tamper(shopifyRequest());
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(await sdkAccepts(req), false);
  });
  test("wrong secret", async () => {
    const req = shopifyRequest("shpss_other");
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(await sdkAccepts(req), false);
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(shopifyRequest(), "X-Shopify-Hmac-Sha256"), secret), "not_signed", "X-Shopify-Hmac-Sha256");
  });
  test("the Events API header name verifies too", () => {
    expectVerdict(check(shopifyRequest(API_SECRET, "shopify-hmac-sha256"), secret), "valid", "shopify-hmac-sha256");
  });
  test("a hex digest where base64 is expected is named", () => {
    const req = request({ headers: [["X-Shopify-Hmac-Sha256", hmacHex("sha256", API_SECRET, JSON_BODY)]] });
    expectVerdict(check(req, secret), "invalid", "read as hex");
  });
});

// No signing (or verifying) SDK exists for these: the documented algorithm is computed independently.
interface Case {
  scheme: SchemeId;
  name: string;
  header: string;
  sign: (key: string, body: string) => string;
  extraHeaders?: [string, string][];
}

const CASES: Case[] = [
  { scheme: "typeform", name: "Typeform", header: "Typeform-Signature", sign: (k, b) => `sha256=${hmacBase64("sha256", k, b)}` },
  { scheme: "woocommerce", name: "WooCommerce", header: "X-WC-Webhook-Signature", sign: (k, b) => hmacBase64("sha256", k, b) },
  {
    scheme: "sentry",
    name: "Sentry",
    header: "Sentry-Hook-Signature",
    sign: (k, b) => hmacHex("sha256", k, b),
    extraHeaders: [["Sentry-Hook-Resource", "issue"]],
  },
  { scheme: "vercel", name: "Vercel", header: "x-vercel-signature", sign: (k, b) => hmacHex("sha1", k, b) },
];

for (const c of CASES) {
  describe(c.scheme, () => {
    const KEY = `${c.scheme}-secret-Xy7`;
    const secret = { scheme: c.scheme, secret: KEY };
    const make = (key = KEY) => request({ headers: [[c.header, c.sign(key, JSON_BODY)], ...(c.extraHeaders ?? [])] });
    test("valid", () => {
      expectVerdict(check(make(), secret), "valid", `${c.name} signature verified from ${c.header}`);
    });
    test("tampered body", () => {
      expectVerdict(check(tamper(make()), secret), "invalid", "does not match");
    });
    test("wrong secret", () => {
      expectVerdict(check(make("other"), secret), "invalid", "does not match");
    });
    test("missing header", () => {
      expectVerdict(check(withoutHeader(make(), c.header), secret), "not_signed", c.header);
    });
    test("detection", () => assert.equal(detectScheme(make().headers), c.scheme));
  });
}

test("WooCommerce signs with the HTML-decoded secret (wp_specialchars_decode)", () => {
  const stored = "a&amp;b&lt;c&#039;d&#x27;e";
  const decoded = "a&b<c'd'e";
  const req = request({ headers: [["X-WC-Webhook-Signature", hmacBase64("sha256", decoded, JSON_BODY)]] });
  expectVerdict(check(req, { scheme: "woocommerce", secret: stored }), "valid", "verified");
  expectVerdict(check(req, { scheme: "woocommerce", secret: decoded }), "valid", "verified");
});

test("shopify detection", () => {
  assert.equal(detectScheme([["x-shopify-hmac-sha256", "x"]]), "shopify");
  assert.equal(detectScheme([["shopify-hmac-sha256", "x"]]), "shopify");
});
