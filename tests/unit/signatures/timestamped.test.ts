import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { verifySlackRequest } from "@slack/bolt/dist/receivers/verify-request.js";
import { LinearWebhookClient } from "@linear/sdk/webhooks";
import { Paddle } from "@paddle/paddle-node-sdk";
import type { CapturedRequest } from "@/lib/server/signatures";
import { detectScheme } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, hmacHex, JSON_BODY, RECEIVED_AT, RECEIVED_S, request, tamper, withoutHeader } from "./helpers";

describe("slack", () => {
  const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  const secret = { scheme: "slack" as const, secret: SIGNING_SECRET };
  const body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070";
  // Slack has no JS signer; the documented algorithm signs, bolt-js's verifier referees.
  const slackRequest = (ts = RECEIVED_S - 30, key = SIGNING_SECRET) =>
    request({
      body,
      headers: [
        ["Content-Type", "application/x-www-form-urlencoded"],
        ["X-Slack-Request-Timestamp", String(ts)],
        ["X-Slack-Signature", `v0=${hmacHex("sha256", key, `v0:${ts}:${body}`)}`],
      ],
    });
  const boltAccepts = (req: CapturedRequest) => {
    const h = Object.fromEntries(req.headers.map(([n, v]) => [n.toLowerCase(), v]));
    try {
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        body: Buffer.from(req.body).toString(),
        headers: {
          "x-slack-signature": h["x-slack-signature"]!,
          "x-slack-request-timestamp": Number(h["x-slack-request-timestamp"]),
        },
        nowMilliseconds: req.receivedAt,
      });
      return true;
    } catch {
      return false;
    }
  };

  test("valid, as bolt's verifySlackRequest agrees", () => {
    const req = slackRequest();
    const verdict = expectVerdict(check(req, secret), "valid", "Slack signature verified");
    assert.equal(boltAccepts(req), true);
    assert.ok(verdict.details?.signedPayloadPreview?.startsWith(`v0:${RECEIVED_S - 30}:token=`));
    assertNoSecret(verdict, SIGNING_SECRET);
  });
  test("tampered body", () => {
    const req = tamper(slackRequest());
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(boltAccepts(req), false);
  });
  test("wrong secret", () => {
    const req = slackRequest(RECEIVED_S, "0".repeat(32));
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(boltAccepts(req), false);
  });
  test("stale timestamp", () => {
    const req = slackRequest(RECEIVED_S - 301);
    const verdict = expectVerdict(check(req, secret), "invalid", /301 s old.*300 s either way/);
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(boltAccepts(req), false);
  });
  test("missing headers", () => {
    expectVerdict(check(withoutHeader(slackRequest(), "X-Slack-Signature"), secret), "not_signed", "X-Slack-Signature");
    expectVerdict(check(withoutHeader(slackRequest(), "X-Slack-Request-Timestamp"), secret), "invalid", "X-Slack-Request-Timestamp header is missing");
  });
});

describe("zoom", () => {
  const TOKEN = "zoom-secret-token-abc";
  const secret = { scheme: "zoom" as const, secret: TOKEN };
  // Zoom's Rivet SDK keeps its verifier private; the documented algorithm is computed here.
  const zoomRequest = (ts = RECEIVED_S - 3, key = TOKEN, body = JSON_BODY) =>
    request({
      body,
      headers: [
        ["x-zm-request-timestamp", String(ts)],
        ["x-zm-signature", `v0=${hmacHex("sha256", key, `v0:${ts}:${body}`)}`],
      ],
    });
  test("valid", () => {
    expectVerdict(check(zoomRequest(), secret), "valid", "Zoom signature verified");
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(zoomRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(zoomRequest(RECEIVED_S, "other"), secret), "invalid", "does not match");
  });
  test("an old timestamp is reported, not refused: Zoom's SDK sets no window", () => {
    const verdict = expectVerdict(check(zoomRequest(RECEIVED_S - 7200), secret), "valid", "sets no window");
    assert.equal(verdict.details?.timestampAgeSeconds, 7200);
    assert.equal(verdict.details?.replaySuspected, undefined);
  });
  test("missing headers", () => {
    expectVerdict(check(withoutHeader(zoomRequest(), "x-zm-signature"), secret), "not_signed", "x-zm-signature");
    expectVerdict(check(withoutHeader(zoomRequest(), "x-zm-request-timestamp"), secret), "invalid", "x-zm-request-timestamp header is missing");
  });
  test("Rivet verifies JSON.stringify of the parsed body: a pretty-printed body is recognised", () => {
    const pretty = JSON.stringify(JSON.parse(JSON_BODY), null, 2);
    const signed = zoomRequest();
    const req = { ...signed, body: new TextEncoder().encode(pretty) };
    expectVerdict(check(req, secret), "invalid", "compact JSON re-serialisation");
  });
});

describe("paddle", () => {
  const KEY = "pdl_ntfset_01h8cq2vwd6h7gy7mp1dmxsrd0_abcdefghijklmnopqrstuvwxyz";
  const secret = { scheme: "paddle" as const, secret: KEY };
  const paddle = new Paddle("pdl_sdbx_apikey_not_used_offline");
  const body = '{"event_id":"evt_01","event_type":"transaction.completed","notification_id":"ntf_01","data":{}}';
  // Paddle's SDK only verifies, against Date.now(): these requests are captured now.
  const paddleRequest = (tsSeconds: number, receivedAt = Date.now(), key = KEY, extra = "") =>
    request({
      body,
      receivedAt,
      headers: [["Paddle-Signature", `ts=${tsSeconds};h1=${hmacHex("sha256", key, `${tsSeconds}:${body}`)}${extra}`]],
    });
  const sdkAccepts = (req: CapturedRequest, key = KEY) => paddle.webhooks.isSignatureValid(Buffer.from(req.body).toString(), key, req.headers[0]![1]);
  const nowS = () => Math.floor(Date.now() / 1000);

  test("valid, as the SDK agrees", async () => {
    const req = paddleRequest(nowS());
    expectVerdict(check(req, secret), "valid", "Paddle Billing signature verified");
    assert.equal(await sdkAccepts(req), true);
  });
  test("tampered body", async () => {
    const req = tamper(paddleRequest(nowS()));
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(await sdkAccepts(req), false);
  });
  test("wrong secret", async () => {
    const req = paddleRequest(nowS());
    expectVerdict(check(req, { scheme: "paddle", secret: "pdl_ntfset_other" }), "invalid", "does not match");
    assert.equal(await sdkAccepts(req, "pdl_ntfset_other"), false);
  });
  test("stale timestamp: Paddle's window is 5 s", async () => {
    const ts = nowS() - 30;
    const req = paddleRequest(ts);
    const verdict = expectVerdict(check(req, secret), "invalid", /signature matches.*old.*5 s/);
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(await sdkAccepts(req), false);
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(paddleRequest(nowS()), "Paddle-Signature"), secret), "not_signed", "Paddle-Signature");
  });
  test("during secret rotation any h1 may match (the SDK only reads the last)", async () => {
    const ts = nowS();
    const req = paddleRequest(ts, Date.now(), KEY, `;h1=${"0".repeat(64)}`);
    expectVerdict(check(req, secret), "valid", "verified");
    assert.equal(await sdkAccepts(req), false, "paddle-node-sdk keeps only the last h1");
  });
});

describe("linear", () => {
  const KEY = "lin_wh_abcdefghijklmnopqrstuvwxyz0123456789";
  const secret = { scheme: "linear" as const, secret: KEY };
  const client = new LinearWebhookClient(KEY);
  const linearRequest = (timestampMs: number, receivedAt = Date.now(), key = KEY) => {
    const body = JSON.stringify({ action: "create", type: "Issue", data: { id: "1" }, webhookTimestamp: timestampMs });
    return request({
      body,
      receivedAt,
      headers: [
        ["Linear-Signature", hmacHex("sha256", key, body)],
        ["Linear-Delivery", "d-1"],
      ],
    });
  };
  const sdkAccepts = (req: CapturedRequest) => {
    try {
      return client.verify(Buffer.from(req.body), req.headers[0]![1]);
    } catch {
      return false;
    }
  };
  test("valid, as LinearWebhookClient.verify agrees", () => {
    const req = linearRequest(Date.now() - 1000);
    expectVerdict(check(req, secret), "valid", "webhookTimestamp");
    assert.equal(sdkAccepts(req), true);
  });
  test("tampered body", () => {
    const req = tamper(linearRequest(Date.now()));
    const changed = { ...req, body: new TextEncoder().encode(new TextDecoder().decode(req.body).replace("Issue", "Comment")) };
    expectVerdict(check(changed, secret), "invalid", "does not match");
    assert.equal(sdkAccepts(changed), false);
  });
  test("wrong secret", () => {
    const req = linearRequest(Date.now(), Date.now(), "lin_wh_other");
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(sdkAccepts(req), false);
  });
  test("stale webhookTimestamp (over 60 s)", () => {
    const req = linearRequest(Date.now() - 61_000);
    const verdict = expectVerdict(check(req, secret), "invalid", /61 s old.*60 s either way/);
    assert.equal(verdict.details?.replaySuspected, true);
    assert.equal(sdkAccepts(req), false);
  });
  test("missing header, and a body without webhookTimestamp", () => {
    expectVerdict(check(withoutHeader(linearRequest(Date.now()), "Linear-Signature"), secret), "not_signed", "Linear-Signature");
    const body = '{"action":"create","type":"Issue"}';
    const req = request({ body, headers: [["Linear-Signature", hmacHex("sha256", KEY, body)]] });
    expectVerdict(check(req, secret), "invalid", "no numeric webhookTimestamp");
  });
});

describe("twitch", () => {
  const SECRET = "twitch-eventsub-secret-0123";
  const secret = { scheme: "twitch" as const, secret: SECRET };
  // The twitch CLI is the official signer but not on npm: the documented algorithm signs here.
  const twitchRequest = (timestampMs = RECEIVED_AT - 4000, key = SECRET) => {
    const id = "e76c6bd4-55c9-4987-8304-da1588d8988b";
    const timestamp = new Date(timestampMs).toISOString().replace("Z", "123456Z");
    return request({
      headers: [
        ["Twitch-Eventsub-Message-Id", id],
        ["Twitch-Eventsub-Message-Timestamp", timestamp],
        ["Twitch-Eventsub-Message-Signature", `sha256=${hmacHex("sha256", key, id + timestamp + JSON_BODY)}`],
        ["Twitch-Eventsub-Message-Type", "notification"],
      ],
    });
  };
  test("valid (RFC 3339 timestamp with nanoseconds)", () => {
    const verdict = expectVerdict(check(twitchRequest(), secret), "valid", "Twitch EventSub signature verified");
    assert.equal(verdict.details?.timestampAgeSeconds, 4);
  });
  test("tampered body", () => {
    expectVerdict(check(tamper(twitchRequest()), secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    expectVerdict(check(twitchRequest(RECEIVED_AT, "another-secret-xyz"), secret), "invalid", "does not match");
  });
  test("stale timestamp (over 10 minutes)", () => {
    const verdict = expectVerdict(check(twitchRequest(RECEIVED_AT - 601_000), secret), "invalid", /601 s old.*600 s/);
    assert.equal(verdict.details?.replaySuspected, true);
  });
  test("missing headers", () => {
    expectVerdict(check(withoutHeader(twitchRequest(), "Twitch-Eventsub-Message-Signature"), secret), "not_signed", "Twitch-Eventsub-Message-Signature");
    expectVerdict(check(withoutHeader(twitchRequest(), "Twitch-Eventsub-Message-Id"), secret), "invalid", "Twitch-Eventsub-Message-Id header is missing");
  });
});

test("detection of the timestamped schemes", () => {
  assert.equal(
    detectScheme([
      ["X-Slack-Signature", "v0=1"],
      ["X-Slack-Request-Timestamp", "1"],
    ]),
    "slack",
  );
  assert.equal(detectScheme([["x-zm-signature", "v0=1"]]), "zoom");
  assert.equal(detectScheme([["Paddle-Signature", "ts=1;h1=2"]]), "paddle");
  assert.equal(detectScheme([["linear-signature", "ab"]]), "linear");
  assert.equal(detectScheme([["Twitch-Eventsub-Message-Signature", "sha256=1"]]), "twitch");
});
