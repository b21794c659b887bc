import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Stripe from "stripe";
import type { CapturedRequest } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, hmacHex, JSON_BODY, RECEIVED_S, request, tamper, withHeader, withoutHeader } from "./helpers";

// Stripe's own SDK is the signer, and its verifier the referee for every case.
const stripe = new Stripe("sk_test_not_used_offline");
const SECRET = "whsec_3f2Kx9QmV7bT1nYpLc8RzA4dHe6Ws0Ju";
const stripeSecret = { scheme: "stripe" as const, secret: SECRET };

function stripeRequest(timestamp = RECEIVED_S - 12, body = JSON_BODY, secret = SECRET): CapturedRequest {
  const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return request({
    body,
    headers: [
      ["Content-Type", "application/json"],
      ["Stripe-Signature", header],
    ],
  });
}

function stripeSdkAccepts(req: CapturedRequest, secret = SECRET): boolean {
  const header = req.headers.find(([name]) => name === "Stripe-Signature")?.[1] ?? "";
  try {
    stripe.webhooks.signature!.verifyHeader(Buffer.from(req.body), header, secret, 300, undefined, req.receivedAt);
    return true;
  } catch {
    return false;
  }
}

describe("stripe", () => {
  test("a request signed by stripe-node verifies, as stripe-node's verifier agrees", () => {
    const req = stripeRequest();
    const verdict = expectVerdict(check(req, stripeSecret), "valid", "Stripe signature verified");
    assert.equal(stripeSdkAccepts(req), true);
    assert.equal(verdict.scheme, "stripe");
    assert.equal(verdict.details?.header, "Stripe-Signature");
    assert.equal(verdict.details?.timestampAgeSeconds, 12);
    assert.equal(verdict.details?.toleranceSeconds, 300);
    assert.match(verdict.details?.signedPayloadPreview ?? "", new RegExp(`^${RECEIVED_S - 12}\\.\\{"id":"evt_1"`));
    assertNoSecret(verdict, SECRET);
  });

  test("a tampered body is invalid", () => {
    const req = tamper(stripeRequest());
    const verdict = expectVerdict(check(req, stripeSecret), "invalid", "does not match");
    assert.equal(stripeSdkAccepts(req), false);
    assert.ok(verdict.details?.expected?.endsWith("…"), "the expected signature is only shown in part");
    assertNoSecret(verdict, SECRET);
  });

  test("a wrong secret is invalid", () => {
    const req = stripeRequest();
    const wrong = "whsec_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp";
    expectVerdict(check(req, { scheme: "stripe", secret: wrong }), "invalid", "does not match");
    assert.equal(stripeSdkAccepts(req, wrong), false);
  });

  test("a timestamp older than 300 s is a suspected replay; one in the future is not refused", () => {
    const stale = stripeRequest(RECEIVED_S - 301);
    const verdict = expectVerdict(check(stale, stripeSecret), "invalid", /301 s old.*300 s/);
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(stripeSdkAccepts(stale), false);

    const ahead = stripeRequest(RECEIVED_S + 1000);
    expectVerdict(check(ahead, stripeSecret), "valid", "in the future");
    assert.equal(stripeSdkAccepts(ahead), true);
  });

  test("a custom window overrides the default, and 0 turns the check off", () => {
    const stale = stripeRequest(RECEIVED_S - 3600);
    expectVerdict(check(stale, { ...stripeSecret, toleranceSeconds: 0 }), "valid", "3,600 s old");
    expectVerdict(check(stale, { ...stripeSecret, toleranceSeconds: 7200 }), "valid", "within 7200 s");
  });

  test("without Stripe-Signature the request is not signed", () => {
    const req = withoutHeader(stripeRequest(), "Stripe-Signature");
    expectVerdict(check(req, stripeSecret), "not_signed", "Stripe-Signature");
  });

  test("any v1 entry may match (secret rotation), and v0 is ignored", () => {
    const req = stripeRequest();
    const header = req.headers[1]![1];
    const rotated = withHeader(req, "Stripe-Signature", `${header.replace("v1=", "v1=00ff,v1=")},v0=abc`);
    expectVerdict(check(rotated, stripeSecret), "valid", "verified");
    assert.equal(stripeSdkAccepts(rotated), true);
    const onlyV0 = withHeader(req, "Stripe-Signature", `t=${RECEIVED_S},v0=abc`);
    expectVerdict(check(onlyV0, stripeSecret), "invalid", "no v1= signature");
  });

  test("a header without a timestamp is invalid", () => {
    const req = withHeader(stripeRequest(), "Stripe-Signature", "v1=abcdef");
    expectVerdict(check(req, stripeSecret), "invalid", "no readable timestamp");
  });

  test("a whsec_ secret base64-decoded by the sender is named as the cause", () => {
    const decodedKey = Buffer.from(SECRET.slice(6), "base64");
    const t = RECEIVED_S - 5;
    const sig = hmacHex("sha256", decodedKey, `${t}.${JSON_BODY}`);
    const req = request({ headers: [["Stripe-Signature", `t=${t},v1=${sig}`]] });
    const verdict = expectVerdict(check(req, stripeSecret), "invalid", "base64-decoded");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("Standard Webhooks")));
  });

  test("a secret configured without its whsec_ prefix is named as the cause", () => {
    const req = stripeRequest();
    expectVerdict(check(req, { scheme: "stripe", secret: SECRET.slice(6) }), "invalid", "whsec_ is put in front");
  });
});

describe("calendly", () => {
  const KEY = "calendly-signing-key-Qw3rty";
  const secret = { scheme: "calendly" as const, secret: KEY };
  // No signing SDK: the documented algorithm, computed here independently.
  function calendlyRequest(t = RECEIVED_S - 20, body = JSON_BODY): CapturedRequest {
    const v1 = hmacHex("sha256", KEY, `${t}.${body}`);
    return request({ body, headers: [["Calendly-Webhook-Signature", `t=${t},v1=${v1}`]] });
  }

  test("valid", () => {
    expectVerdict(check(calendlyRequest(), secret), "valid", "Calendly signature verified");
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(calendlyRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(calendlyRequest(), { scheme: "calendly", secret: "other-key-000000" }), "invalid", "does not match");
  });
  test("stale timestamp (over 180 s)", () => {
    const verdict = expectVerdict(check(calendlyRequest(RECEIVED_S - 181), secret), "invalid", "181 s old");
    assert.equal(verdict.details?.replaySuspected, true);
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(calendlyRequest(), "Calendly-Webhook-Signature"), secret), "not_signed", "Calendly-Webhook-Signature");
  });
});
