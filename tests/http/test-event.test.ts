// Signed test events: for every scheme, the template signed with the bin's secret is captured and
// verified valid by the bin; with a target, it is replayed there re-signed; refusals send nothing.
import { generateKeyPairSync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CreatedBin, TestEventResult, Verification } from "@/lib/shared/api-types";
import { SCHEME_IDS, verifyRequest, type SchemeId, type SecretConfig } from "@/lib/server/signatures";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";
import { startTarget } from "../helpers/target";

let server: RunningServer;
let target: Awaited<ReturnType<typeof startTarget>>;

before(async () => {
  target = await startTarget();
  server = await startServer({ OUTBOUND_ALLOW_LIST: `127.0.0.1:${target.port}` });
});
after(async () => {
  await server?.stop();
  await target?.close();
});

const discord = generateKeyPairSync("ed25519");
const discordPublic = Buffer.from(discord.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
const discordSeed = Buffer.from(discord.privateKey.export({ format: "jwk" }).d!, "base64url").toString("hex");
const sendgrid = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

const SECRETS: Record<SchemeId, { secret: Omit<SecretConfig, "scheme">; privateKey?: string }> = {
  github: { secret: { secret: "gh-secret" } },
  stripe: { secret: { secret: "whsec_test_event" } },
  slack: { secret: { secret: "8f742231b10e8888abcd99yyyzzz85a5" } },
  shopify: { secret: { secret: "shpss_test" } },
  "standard-webhooks": { secret: { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
  svix: { secret: { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
  clerk: { secret: { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
  resend: { secret: { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } },
  twilio: { secret: { secret: "12345678901234567890123456789012" } },
  square: { secret: { secret: "sq0wss-key" } },
  paddle: { secret: { secret: "pdl_ntfset_test" } },
  meta: { secret: { secret: "0123456789abcdef0123456789abcdef" } },
  zalo: { secret: { secret: "zalo-oa-key" } },
  gitlab: { secret: { secret: "gl-token" } },
  discord: { secret: { secret: discordPublic }, privateKey: discordSeed },
  linear: { secret: { secret: "lin_wh_test" } },
  intercom: { secret: { secret: "ic-secret" } },
  zoom: { secret: { secret: "zoom-token" } },
  twitch: { secret: { secret: "twitch-secret-123" } },
  hubspot: { secret: { secret: "hubspot-client-secret" } },
  mailgun: { secret: { secret: "key-mailgun" } },
  sendgrid: {
    secret: { secret: sendgrid.publicKey.export({ format: "der", type: "spki" }).toString("base64") },
    privateKey: sendgrid.privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  },
  typeform: { secret: { secret: "tf-secret" } },
  calendly: { secret: { secret: "cal-key" } },
  woocommerce: { secret: { secret: "wc-secret" } },
  bitbucket: { secret: { secret: "bb-secret" } },
  sentry: { secret: { secret: "sentry-secret" } },
  vercel: { secret: { secret: "vercel-secret" } },
  telegram: { secret: { secret: "tg_token-1" } },
  "generic-hmac": {
    secret: {
      secret: "generic-secret",
      options: {
        algorithm: "sha256",
        header: "X-Sig",
        prefix: "",
        encoding: "hex",
        template: "{timestamp}.{body}",
        timestampHeader: "X-Time",
        secretEncoding: "utf8",
        toleranceSeconds: 300,
      },
    },
  },
};

async function call(bin: CreatedBin, path: string, body: unknown, token = bin.ownerToken): Promise<Response> {
  return fetch(`${server.url}/api/bins/${bin.id}${path}`, {
    method: "POST",
    headers: { ...authorized(token).headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function addSecret(bin: CreatedBin, scheme: SchemeId): Promise<string> {
  const response = await call(bin, "/secrets", { scheme, ...SECRETS[scheme].secret });
  assert.equal(response.status, 201, `${scheme}: ${await response.clone().text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Schemes whose "signature" is the secret itself. */
const SECRET_IN_REQUEST: readonly string[] = ["gitlab", "telegram"];

describe("signed test events", () => {
  test("every scheme: the template, signed with the bin's secret, is captured and verifies valid; token schemes are refused", async () => {
    const bin = await createBin(server.url);
    let captured = 0;
    for (const scheme of SCHEME_IDS) {
      const secretId = await addSecret(bin, scheme);
      const privateKey = SECRETS[scheme].privateKey;
      const response = await call(bin, "/test-event", { secretId, ...(privateKey ? { privateKey } : {}) });
      if (SECRET_IN_REQUEST.includes(scheme)) {
        // The request would carry the secret itself, and viewers read the bin's requests.
        assert.equal(response.status, 422, `${scheme}: ${await response.clone().text()}`);
        assert.match(((await response.json()) as { error: { message: string } }).error.message, /sends the secret itself/);
        assert.equal(
          ((await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken))).json()) as { requests: unknown[] }).requests.length,
          captured,
        );
        assert.equal((await fetch(`${server.url}/api/bins/${bin.id}/secrets/${secretId}`, { method: "DELETE", ...authorized(bin.ownerToken) })).status, 204);
        continue;
      }
      captured++;
      assert.equal(response.status, 200, `${scheme}: ${await response.clone().text()}`);
      const result = (await response.json()) as TestEventResult;
      assert.equal(result.signed.scheme, scheme);
      assert.equal(result.delivery, null);
      const verification = (await (
        await fetch(`${server.url}/api/bins/${bin.id}/requests/${result.request.id}/verification`, authorized(bin.ownerToken))
      ).json()) as Verification;
      assert.equal(verification.status, "valid", `${scheme}: ${verification.reason}`);
      assert.equal(verification.scheme, scheme);
      // One secret at a time, so each event is checked against its own scheme only.
      assert.equal((await fetch(`${server.url}/api/bins/${bin.id}/secrets/${secretId}`, { method: "DELETE", ...authorized(bin.ownerToken) })).status, 204);
    }
  });

  test("an edited body sent to a target arrives re-signed for the target URL; the delivery log says so", async () => {
    const bin = await createBin(server.url);
    await addSecret(bin, "github");
    const body = '{"edited":true}';
    const response = await call(bin, "/test-event", { scheme: "github", body, targetUrl: `${target.url}/hooks` });
    assert.equal(response.status, 200, await response.clone().text());
    const result = (await response.json()) as TestEventResult;
    assert.equal(result.delivery?.status, "succeeded");
    assert.deepEqual(result.delivery?.resigned?.replaced, ["X-Hub-Signature-256"]);
    const got = target.received.at(-1)!;
    assert.equal(got.url, "/hooks/github");
    assert.equal(got.body.toString(), body);
    const verdict = verifyRequest({ method: "POST", url: `${target.url}${got.url}`, headers: got.rawHeaders, body: got.body, receivedAt: got.at }, [
      { scheme: "github", secret: "gh-secret" },
    ]);
    assert.equal(verdict.status, "valid");
  });

  test("refusals: no such secret 404, a public-key scheme without its key 422 naming it, a viewer 4xx; nothing is captured", async () => {
    const bin = await createBin(server.url);
    assert.equal((await call(bin, "/test-event", { scheme: "stripe" })).status, 404);
    await addSecret(bin, "discord");
    const refused = await call(bin, "/test-event", { scheme: "discord" });
    assert.equal(refused.status, 422);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /^Discord signs with a private key/);
    assert.equal((await call(bin, "/test-event", {})).status, 400);
    const viewer = await call(bin, "/test-event", { scheme: "discord" }, decodeURIComponent(bin.shareUrl.split("#share=")[1]!));
    assert.ok(viewer.status === 403 || viewer.status === 404, String(viewer.status));
    const list = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken))).json()) as { requests: unknown[] };
    assert.equal(list.requests.length, 0);
  });
});
