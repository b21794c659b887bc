import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Signature } from "@hubspot/api-client";
import type { WebhooksHelper as SquareWebhooksHelper } from "square";
// The webhook module alone: the package entry also loads the whole REST client.
import * as twilio from "twilio/lib/webhooks/webhooks.js";
import type { CapturedRequest } from "@/lib/server/signatures";
import { detectScheme } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, hmacBase64, JSON_BODY, request, tamper, withHeader, withoutHeader } from "./helpers";

const TOKEN = "12345678901234567890123456789012";
const secret = { scheme: "twilio" as const, secret: TOKEN };
const FORM_URL = "https://hooks.example.com/h/bin123/sms?tenant=acme";

type Params = Record<string, string | string[]>;

function formBody(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) search.append(name, v);
  return search.toString();
}

function formRequest(params: Params, url = FORM_URL, signedUrl = url, token = TOKEN): CapturedRequest {
  const signature = twilio.getExpectedTwilioSignature(token, signedUrl, params);
  return request({
    url,
    body: formBody(params),
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"],
      ["X-Twilio-Signature", signature],
      ["I-Twilio-Idempotency-Token", "idem-1"],
    ],
  });
}

const SMS: Params = { From: "+15551234567", To: "+15557654321", Body: "Hello wörld & more+stuff", MessageSid: "SM123" };

function signatureOf(req: CapturedRequest): string {
  return req.headers.find(([name]) => name === "X-Twilio-Signature")![1];
}

describe("twilio (form body)", () => {
  test("valid: signed by getExpectedTwilioSignature, accepted by validateRequest", () => {
    const req = formRequest(SMS);
    const verdict = expectVerdict(check(req, secret), "valid", "Twilio signature verified");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(req), FORM_URL, SMS), true);
    assert.ok(verdict.details?.signedPayloadPreview?.startsWith(`${FORM_URL}BodyHello wörld & more+stuff`));
    assertNoSecret(verdict, TOKEN);
  });
  test("tampered parameter", () => {
    const req = formRequest(SMS);
    const tampered = { ...req, body: new TextEncoder().encode(formBody({ ...SMS, Body: "Hello evil" })) };
    expectVerdict(check(tampered, secret), "invalid", "does not match");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(req), FORM_URL, { ...SMS, Body: "Hello evil" }), false);
  });
  test("wrong auth token", () => {
    const req = formRequest(SMS);
    expectVerdict(check(req, { scheme: "twilio", secret: "f".repeat(32) }), "invalid", "does not match");
    assert.equal(twilio.validateRequest("f".repeat(32), signatureOf(req), FORM_URL, SMS), false);
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(formRequest(SMS), "X-Twilio-Signature"), secret), "not_signed", "X-Twilio-Signature");
  });
  test("repeated parameters are deduplicated and sorted like the SDK does", () => {
    const params = { MediaUrl: ["https://b.example/2", "https://a.example/1", "https://a.example/1"], From: "+1" };
    const req = formRequest(params);
    expectVerdict(check(req, secret), "valid", "verified");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(req), FORM_URL, params), true);
  });
  test("the default port may be present on either side", () => {
    const withPort = "https://hooks.example.com:443/h/bin123/sms?tenant=acme";
    const signedWithPort = formRequest(SMS, FORM_URL, withPort);
    expectVerdict(check(signedWithPort, secret), "valid", "verified");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(signedWithPort), FORM_URL, SMS), true);
    const capturedWithPort = formRequest(SMS, withPort, FORM_URL);
    expectVerdict(check(capturedWithPort, secret), "valid", "verified");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(capturedWithPort), withPort, SMS), true);
  });
  test("a URL Twilio signed in its normalised form (' as %27) verifies", () => {
    const raw = "https://hooks.example.com/h/bin123/sms?name=it's";
    const req = formRequest(SMS, raw, new URL(raw).toString());
    expectVerdict(check(req, secret), "valid", "verified");
    assert.equal(twilio.validateRequest(TOKEN, signatureOf(req), raw, SMS), true);
  });
  test("a proxy that terminated TLS is named when the http:// URL verifies", () => {
    const req = formRequest(SMS, FORM_URL, FORM_URL.replace("https://", "http://"));
    const verdict = expectVerdict(check(req, secret), "invalid", "http:// instead of https://");
    assert.ok(verdict.details?.hints?.[0]?.includes("proxy"));
  });
});

describe("twilio (JSON body with bodySHA256)", () => {
  const body = '{"event":"call.completed","CallSid":"CA123"}';
  const url = `https://hooks.example.com/h/bin123/voice?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  const jsonRequest = (token = TOKEN) =>
    request({
      url,
      body,
      headers: [
        ["Content-Type", "application/json"],
        ["X-Twilio-Signature", twilio.getExpectedTwilioSignature(token, url, {})],
      ],
    });

  test("valid, as validateRequestWithBody agrees", () => {
    const req = jsonRequest();
    expectVerdict(check(req, secret), "valid", "bodySHA256");
    assert.equal(twilio.validateRequestWithBody(TOKEN, signatureOf(req), url, body), true);
  });
  test("tampered body fails the body hash", () => {
    const req = { ...jsonRequest(), body: new TextEncoder().encode(body.replace("CA123", "CA999")) };
    expectVerdict(check(req, secret), "invalid", "bodySHA256");
    assert.equal(twilio.validateRequestWithBody(TOKEN, signatureOf(req), url, body.replace("CA123", "CA999")), false);
  });
  test("wrong token", () => {
    expectVerdict(check(jsonRequest("0".repeat(32)), secret), "invalid", "does not match");
  });
  test("missing header, and detection", () => {
    expectVerdict(check(withoutHeader(jsonRequest(), "X-Twilio-Signature"), secret), "not_signed", "X-Twilio-Signature");
    assert.equal(detectScheme(jsonRequest().headers), "twilio");
    const garbled = withHeader(jsonRequest(), "X-Twilio-Signature", "AAAA");
    expectVerdict(check(garbled, secret), "invalid", "does not match");
  });
});

// Square's package entry loads every API module (0.5 s to several seconds); its verifier is one
// small file, loaded on its own here. Same code, same package version.
const squarePackage = dirname(createRequire(import.meta.url).resolve("square"));
const { WebhooksHelper } = createRequire(import.meta.url)(join(squarePackage, "wrapper/WebhooksHelper.js")) as {
  WebhooksHelper: typeof SquareWebhooksHelper;
};

describe("square", () => {
  const KEY = "sq0wss-signature-key-Example";
  const URL_ = "https://hooks.example.com/h/bin123/square";
  const secret = { scheme: "square" as const, secret: KEY };
  // Square's SDK only verifies; the signature is computed from the documented algorithm.
  const squareRequest = (url = URL_, signedUrl = url) =>
    request({
      url,
      headers: [
        ["content-type", "application/json"],
        ["x-square-hmacsha256-signature", hmacBase64("sha256", KEY, signedUrl + JSON_BODY)],
      ],
    });
  const sdkAccepts = (req: CapturedRequest, key = KEY) =>
    WebhooksHelper.verifySignature({
      requestBody: Buffer.from(req.body).toString(),
      signatureHeader: req.headers[1]![1],
      signatureKey: key,
      notificationUrl: req.url,
    });

  test("valid, as WebhooksHelper.verifySignature agrees", async () => {
    const req = squareRequest();
    const verdict = expectVerdict(check(req, secret), "valid", "Square signature verified");
    assert.equal(await sdkAccepts(req), true);
    assertNoSecret(verdict, KEY);
  });
  test("tampered body", async () => {
    const req = tamper(squareRequest());
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(await sdkAccepts(req), false);
  });
  test("wrong key", async () => {
    const req = squareRequest();
    expectVerdict(check(req, { scheme: "square", secret: "other" }), "invalid", "does not match");
    assert.equal(await sdkAccepts(req, "other"), false);
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(squareRequest(), "x-square-hmacsha256-signature"), secret), "not_signed", "x-square-hmacsha256-signature");
  });
  test("the legacy SHA-1 header is checked when it is the only one", () => {
    const req = request({ url: URL_, headers: [["x-square-signature", hmacBase64("sha1", KEY, URL_ + JSON_BODY)]] });
    expectVerdict(check(req, secret), "valid", "SHA1");
  });
  test("a URL that differs only by a trailing slash is named", () => {
    const verdict = expectVerdict(check(squareRequest(URL_, `${URL_}/`), secret), "invalid", "trailing slash");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("proxy")));
  });
});

describe("hubspot", () => {
  const CLIENT_SECRET = "c7a4b2d8-1f3e-4c5a-9b6d-0e8f7a6b5c4d";
  const URL_ = "https://hooks.example.com/h/bin123/hubspot?portal=42";
  const secret = { scheme: "hubspot" as const, secret: CLIENT_SECRET };
  const body = '[{"eventId":1,"subscriptionType":"contact.creation","objectId":123}]';

  function v3Request(timestamp: number, receivedAt = Date.now(), clientSecret = CLIENT_SECRET): CapturedRequest {
    const signature = Signature.getSignature("POST", "v3", { signature: "", clientSecret, requestBody: body, url: URL_, timestamp });
    return request({
      url: URL_,
      body,
      receivedAt,
      headers: [
        ["Content-Type", "application/json"],
        ["X-HubSpot-Signature-v3", signature],
        ["X-HubSpot-Request-Timestamp", String(timestamp)],
      ],
    });
  }
  const sdkAccepts = (req: CapturedRequest, timestamp: number) => {
    try {
      return Signature.isValid({
        signatureVersion: "v3",
        signature: req.headers[1]![1],
        clientSecret: CLIENT_SECRET,
        requestBody: Buffer.from(req.body).toString(),
        url: req.url,
        method: "POST",
        timestamp,
      });
    } catch {
      return false;
    }
  };

  test("v3 valid: signed by Signature.getSignature, accepted by Signature.isValid", () => {
    const now = Date.now();
    const req = v3Request(now - 2000, now);
    const verdict = expectVerdict(check(req, secret), "valid", "HubSpot signature verified");
    assert.equal(sdkAccepts(req, now - 2000), true);
    assert.equal(verdict.details?.timestampAgeSeconds, 2);
    assertNoSecret(verdict, CLIENT_SECRET);
  });
  test("v3 tampered body", () => {
    const now = Date.now();
    const req = tamper(v3Request(now, now));
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(sdkAccepts(req, now), false);
  });
  test("v3 wrong secret", () => {
    const now = Date.now();
    expectVerdict(check(v3Request(now, now, "another-secret"), secret), "invalid", "does not match");
  });
  test("v3 stale timestamp (older than 300 s)", () => {
    const now = Date.now();
    const req = v3Request(now - 301_000, now);
    const verdict = expectVerdict(check(req, secret), "invalid", "301 s old");
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(sdkAccepts(req, now - 301_000), false);
  });
  test("v3 missing headers", () => {
    const now = Date.now();
    expectVerdict(check(withoutHeader(v3Request(now, now), "X-HubSpot-Signature-v3"), secret), "not_signed", "X-HubSpot-Signature-v3");
    expectVerdict(check(withoutHeader(v3Request(now, now), "X-HubSpot-Request-Timestamp"), secret), "invalid", "X-HubSpot-Request-Timestamp header is missing");
  });
  test("v3 signed over the documented %-decoded URI also verifies", () => {
    const encodedUrl = "https://hooks.example.com/h/bin123/hubspot?next=%2Fa%3Ab";
    const decodedUrl = "https://hooks.example.com/h/bin123/hubspot?next=/a:b";
    const now = Date.now();
    const signature = Signature.getSignature("POST", "v3", { signature: "", clientSecret: CLIENT_SECRET, requestBody: body, url: decodedUrl, timestamp: now });
    const req = request({
      url: encodedUrl,
      body,
      receivedAt: now,
      headers: [
        ["X-HubSpot-Signature-v3", signature],
        ["X-HubSpot-Request-Timestamp", String(now)],
      ],
    });
    expectVerdict(check(req, secret), "valid", "verified");
  });
  test("legacy v1 and v2 signatures verify, with a note that they cannot show a replay", () => {
    for (const version of ["v1", "v2"] as const) {
      const signature = Signature.getSignature("POST", version, { signature: "", clientSecret: CLIENT_SECRET, requestBody: body, url: URL_ });
      const req = request({
        url: URL_,
        body,
        headers: [
          ["X-HubSpot-Signature", signature],
          ["X-HubSpot-Signature-Version", version],
        ],
      });
      const verdict = expectVerdict(check(req, secret), "valid", `Legacy signature ${version}`);
      assertNoSecret(verdict, CLIENT_SECRET);
      expectVerdict(check(tamper(req), secret), "invalid", "does not match");
    }
  });
  test("detection", () => {
    assert.equal(detectScheme(v3Request(Date.now()).headers), "hubspot");
    assert.equal(detectScheme([["X-HubSpot-Signature", "abc"]]), "hubspot");
    assert.equal(detectScheme([["x-square-hmacsha256-signature", "abc"]]), "square");
    assert.equal(detectScheme([["x-square-signature", "abc"]]), "square");
  });
});
