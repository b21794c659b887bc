import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { EventWebhook } from "@sendgrid/eventwebhook";
import { verifyKey } from "discord-interactions";
import nacl from "tweetnacl";
import type { CapturedRequest } from "@/lib/server/signatures";
import { detectScheme, secretConfigSchema } from "@/lib/server/signatures";
import { assertNoSecret, check, expectVerdict, hmacHex, RECEIVED_S, request, tamper, withHeader, withoutHeader } from "./helpers";

describe("discord", () => {
  // tweetnacl signs as Discord does (Ed25519 over timestamp + body); the key is the hex public key.
  const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7));
  const PUBLIC_KEY = Buffer.from(pair.publicKey).toString("hex");
  const secret = { scheme: "discord" as const, secret: PUBLIC_KEY };
  const body = '{"id":"1234567890","type":1,"application_id":"42","token":"t"}';
  const discordRequest = (ts = String(RECEIVED_S - 1), secretKey = pair.secretKey) => {
    const signature = nacl.sign.detached(new TextEncoder().encode(ts + body), secretKey);
    return request({
      body,
      headers: [
        ["X-Signature-Ed25519", Buffer.from(signature).toString("hex")],
        ["X-Signature-Timestamp", ts],
      ],
    });
  };
  const sdkAccepts = (req: CapturedRequest) => verifyKey(Buffer.from(req.body), req.headers[0]![1], req.headers[1]![1], PUBLIC_KEY);

  test("valid, as discord-interactions' verifyKey agrees", async () => {
    const req = discordRequest();
    const verdict = expectVerdict(check(req, secret), "valid", "Discord interactions signature verified");
    assert.equal(await sdkAccepts(req), true);
    assert.equal(verdict.details?.expected, undefined, "a public-key scheme has no expected signature to show");
  });
  test("tampered body", async () => {
    const req = tamper(discordRequest());
    const changed = { ...req, body: new TextEncoder().encode(body.replace('"type":1', '"type":2')) };
    expectVerdict(check(changed, secret), "invalid", "does not match");
    assert.equal(await sdkAccepts(changed), false);
  });
  test("wrong key (another application's signature)", async () => {
    const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9));
    const req = discordRequest(String(RECEIVED_S), other.secretKey);
    const verdict = expectVerdict(check(req, secret), "invalid", "does not match");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("401")));
    assert.equal(await sdkAccepts(req), false);
  });
  test("an old timestamp is reported, not refused: Discord's SDK sets no window", () => {
    const verdict = expectVerdict(check(discordRequest(String(RECEIVED_S - 3600)), secret), "valid", "sets no window");
    assert.equal(verdict.details?.timestampAgeSeconds, 3600);
  });
  test("missing headers", () => {
    expectVerdict(check(withoutHeader(discordRequest(), "X-Signature-Ed25519"), secret), "not_signed", "X-Signature-Ed25519");
    expectVerdict(check(withoutHeader(discordRequest(), "X-Signature-Timestamp"), secret), "invalid", "X-Signature-Timestamp header is missing");
  });
  test("node:crypto signatures verify too, and a malformed key is refused with a clear message", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const hex = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
    const ts = String(RECEIVED_S);
    const req = request({
      body,
      headers: [
        ["X-Signature-Ed25519", sign(null, Buffer.from(ts + body), privateKey).toString("hex")],
        ["X-Signature-Timestamp", ts],
      ],
    });
    expectVerdict(check(req, { scheme: "discord", secret: hex }), "valid", "verified");
    expectVerdict(check(req, { scheme: "discord", secret: "abc" }), "invalid", "64 hex characters");
    const parsed = secretConfigSchema.safeParse({ scheme: "discord", secret: "not-hex" });
    assert.equal(parsed.success, false);
    assert.match(parsed.error!.issues[0]!.message, /64 hex characters/);
  });
});

describe("sendgrid", () => {
  // The verification key is the public half; SendGrid signs with the private half, so the test
  // makes its own P-256 pair and signs with node:crypto the way SendGrid does.
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const PUBLIC_B64 = publicKey.export({ format: "der", type: "spki" }).toString("base64");
  const PUBLIC_PEM = publicKey.export({ format: "pem", type: "spki" }).toString();
  const secret = { scheme: "sendgrid" as const, secret: PUBLIC_B64 };
  const body = '[{"email":"a@example.com","event":"delivered","sg_event_id":"e1","timestamp":1700000000}]\r\n';
  const sendgridRequest = (ts = String(RECEIVED_S - 2), key = privateKey) =>
    request({
      body,
      headers: [
        ["X-Twilio-Email-Event-Webhook-Signature", sign("sha256", Buffer.from(ts + body), key).toString("base64")],
        ["X-Twilio-Email-Event-Webhook-Timestamp", ts],
      ],
    });
  const eventWebhook = new EventWebhook();
  const sdkAccepts = (req: CapturedRequest) =>
    eventWebhook.verifySignature(eventWebhook.convertPublicKeyToECDSA(PUBLIC_B64), Buffer.from(req.body), req.headers[0]![1], req.headers[1]![1]);

  test("valid, as @sendgrid/eventwebhook agrees; PEM keys work too", () => {
    const req = sendgridRequest();
    expectVerdict(check(req, secret), "valid", "SendGrid Event Webhook signature verified");
    assert.equal(sdkAccepts(req), true);
    expectVerdict(check(req, { scheme: "sendgrid", secret: PUBLIC_PEM }), "valid", "ECDSA");
  });
  test("tampered body", () => {
    const req = tamper(sendgridRequest());
    const changed = { ...req, body: new TextEncoder().encode(body.replace("delivered", "bounce")) };
    expectVerdict(check(changed, secret), "invalid", "does not match");
    assert.equal(sdkAccepts(changed), false);
  });
  test("wrong key", () => {
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const req = sendgridRequest(String(RECEIVED_S), other);
    expectVerdict(check(req, secret), "invalid", "does not match");
    assert.equal(sdkAccepts(req), false);
  });
  test("an old timestamp is reported, not refused: SendGrid's SDK sets no window", () => {
    const verdict = expectVerdict(check(sendgridRequest(String(RECEIVED_S - 86400)), secret), "valid", "sets no window");
    assert.equal(verdict.details?.timestampAgeSeconds, 86400);
  });
  test("missing headers", () => {
    expectVerdict(
      check(withoutHeader(sendgridRequest(), "X-Twilio-Email-Event-Webhook-Signature"), secret),
      "not_signed",
      "X-Twilio-Email-Event-Webhook-Signature",
    );
    expectVerdict(check(withoutHeader(sendgridRequest(), "X-Twilio-Email-Event-Webhook-Timestamp"), secret), "invalid", "Timestamp header is missing");
  });
  test("keys that are not P-256 public keys are refused by the config schema", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "der", type: "spki" }).toString("base64");
    for (const bad of ["not base64!", rsa]) {
      const parsed = secretConfigSchema.safeParse({ scheme: "sendgrid", secret: bad });
      assert.equal(parsed.success, false);
      assert.match(parsed.error!.issues[0]!.message, /P-256 public key/);
    }
    assert.equal(secretConfigSchema.safeParse(secret).success, true);
  });
  test("detection", () => {
    assert.equal(detectScheme(sendgridRequest().headers), "sendgrid");
    assert.equal(
      detectScheme([
        ["X-Signature-Ed25519", "00"],
        ["X-Signature-Timestamp", "1"],
      ]),
      "discord",
    );
  });
});

describe("gitlab", () => {
  const TOKEN = "gitlab-secret-token-123";
  const secret = { scheme: "gitlab" as const, secret: TOKEN };
  const gitlabRequest = (token = TOKEN) =>
    request({
      headers: [
        ["X-Gitlab-Event", "Push Hook"],
        ["X-Gitlab-Token", token],
        ["Idempotency-Key", "k-1"],
      ],
    });
  test("valid, and the token never appears in the verdict", () => {
    const verdict = expectVerdict(check(gitlabRequest(), secret), "valid", "GitLab");
    assertNoSecret(verdict, TOKEN);
  });
  test("a changed body still passes: a token does not sign the body, and the reason says so", () => {
    expectVerdict(check(tamper(gitlabRequest()), secret), "valid", "the body is not signed");
  });
  test("wrong token", () => {
    const verdict = expectVerdict(check(gitlabRequest("guess"), secret), "invalid", "does not match");
    assertNoSecret(verdict, TOKEN);
    assert.equal(verdict.details?.received, "a 5-character token");
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(gitlabRequest(), "X-Gitlab-Token"), secret), "not_signed", "X-Gitlab-Token");
  });
  test("detection", () => assert.equal(detectScheme(gitlabRequest().headers), "gitlab"));
});

describe("telegram", () => {
  const TOKEN = "Tg_secret-TOKEN_42";
  const secret = { scheme: "telegram" as const, secret: TOKEN };
  const telegramRequest = (token = TOKEN) =>
    request({ body: '{"update_id":10000,"message":{"text":"hi"}}', headers: [["X-Telegram-Bot-Api-Secret-Token", token]] });
  test("valid", () => {
    assertNoSecret(expectVerdict(check(telegramRequest(), secret), "valid", "Telegram"), TOKEN);
  });
  test("a changed body still passes, with the caveat", () => {
    expectVerdict(check(tamper(telegramRequest()), secret), "valid", "could have been changed");
  });
  test("wrong token", () => {
    expectVerdict(check(telegramRequest("Tg_other"), secret), "invalid", "does not match");
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(telegramRequest(), "X-Telegram-Bot-Api-Secret-Token"), secret), "not_signed", "X-Telegram-Bot-Api-Secret-Token");
  });
  test("the config schema enforces Telegram's alphabet", () => {
    const parsed = secretConfigSchema.safeParse({ scheme: "telegram", secret: "has spaces inside" });
    assert.equal(parsed.success, false);
    assert.match(parsed.error!.issues[0]!.message, /A–Z, a–z, 0–9, _ and -/);
    assert.equal(detectScheme(telegramRequest().headers), "telegram");
  });
});

describe("mailgun", () => {
  const KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
  const secret = { scheme: "mailgun" as const, secret: KEY };
  // mailgun.js has no verifier; the algorithm from Mailgun's docs and PHP SDK is computed here.
  const mailgunBody = (timestamp: number, token = "a8ce0edb2dd8301dcc7b6d1f5d6f9e36", key = KEY, event = "delivered") =>
    JSON.stringify({
      signature: { timestamp: String(timestamp), token, signature: hmacHex("sha256", key, `${timestamp}${token}`) },
      "event-data": { id: "CPgfbmQMTCKtHW6uIWtuVe", event },
    });
  const mailgunRequest = (timestamp = RECEIVED_S - 10, key = KEY) => request({ body: mailgunBody(timestamp, undefined, key) });

  test("valid, with the caveat that the event data is not covered", () => {
    const verdict = expectVerdict(check(mailgunRequest(), secret), "valid", "not the event data");
    assert.equal(verdict.details?.header, "signature.signature (JSON body)");
    assert.equal(verdict.details?.timestampAgeSeconds, 10);
  });
  test("tampered signed fields (the token) are invalid", () => {
    const body = mailgunBody(RECEIVED_S).replace('"token":"a8ce', '"token":"ffff');
    expectVerdict(check(request({ body }), secret), "invalid", "does not match");
  });
  test("wrong key", () => {
    expectVerdict(check(mailgunRequest(RECEIVED_S, "key-other"), secret), "invalid", "does not match");
  });
  test("an old timestamp is reported but not refused: Mailgun sets no window", () => {
    const verdict = expectVerdict(check(mailgunRequest(RECEIVED_S - 86_400), secret), "valid", "sets no window");
    assert.equal(verdict.details?.timestampAgeSeconds, 86_400);
  });
  test("no signature block means not signed", () => {
    expectVerdict(check(request({ body: '{"event-data":{"event":"delivered"}}' }), secret), "not_signed", "Mailgun signature block");
  });
  test("the legacy form-encoded fields verify too", () => {
    const timestamp = String(RECEIVED_S);
    const token = "tok123";
    const body = new URLSearchParams({ timestamp, token, signature: hmacHex("sha256", KEY, timestamp + token), event: "opened" }).toString();
    const req = request({ body, headers: [["Content-Type", "application/x-www-form-urlencoded"]] });
    expectVerdict(check(req, secret), "valid", "form field");
  });
  test("detection needs the body", () => {
    const body = new TextEncoder().encode(mailgunBody(RECEIVED_S));
    assert.equal(detectScheme([["Content-Type", "application/json"]], body), "mailgun");
    assert.equal(detectScheme([["Content-Type", "application/json"]]), null);
  });
});

describe("zalo", () => {
  const OA_SECRET = "zalo-oa-secret-key";
  const secret = { scheme: "zalo" as const, secret: OA_SECRET };
  const body = '{"app_id":"360846524940903967","event_name":"user_send_text","timestamp":"1748779200000","message":{"text":"xin chào"}}';
  // The community-documented formula, computed independently: sha256(appId + body + timestamp + secret).
  const mac = (key: string, b = body) => `mac=${createHash("sha256").update(`360846524940903967${b}1748779200000${key}`).digest("hex")}`;
  const zaloRequest = (key = OA_SECRET) => request({ body, headers: [["X-ZEvent-Signature", mac(key)]] });
  test("valid", () => {
    assertNoSecret(expectVerdict(check(zaloRequest(), secret), "valid", "Zalo Official Account signature verified"), OA_SECRET);
  });
  test("tampered body", () => {
    const req = { ...zaloRequest(), body: new TextEncoder().encode(body.replace("xin chào", "tạm biệt")) };
    expectVerdict(check(req, secret), "invalid", "does not match");
  });
  test("wrong secret", () => {
    const verdict = expectVerdict(check(zaloRequest("app-secret-not-oa"), secret), "invalid", "does not match");
    assert.ok(verdict.details?.hints?.some((hint) => hint.includes("low confidence")));
  });
  test("missing header", () => {
    expectVerdict(check(withoutHeader(zaloRequest(), "X-ZEvent-Signature"), secret), "not_signed", "X-ZEvent-Signature");
  });
  test("a body without app_id and timestamp cannot be checked", () => {
    const req = withHeader(request({ body: '{"x":1}' }), "X-ZEvent-Signature", mac(OA_SECRET));
    expectVerdict(check(req, secret), "invalid", "no app_id and timestamp");
    assert.equal(detectScheme(req.headers), "zalo");
  });
});
