import { test } from "node:test";
import assert from "node:assert/strict";
import { eventTypeOf } from "@/lib/server/shapes/event-type";
import { UNTYPED_EVENT } from "@/lib/shared/contract";
import { jsonBodyOf, SHAPE_MAX_BODY_BYTES } from "@/lib/server/shapes/json-body";
import { parseJsonPath } from "@/lib/shared/json-path";
import { ALL_SAMPLES } from "../helpers/webhook-samples";

const pairs = (headers: Record<string, string>): [string, string][] => Object.entries(headers);

function typeOf(headers: Record<string, string>, body: string, typePath: string | null = null): string | null {
  const json = jsonBodyOf(headers["Content-Type"] ?? null, new Uint8Array(Buffer.from(body)));
  if (json === null) return null;
  return eventTypeOf({
    headers: pairs(headers),
    json: json.kind === "json" ? json.value : undefined,
    typePath: typePath === null ? null : parseJsonPath(typePath),
  });
}

test("GitHub, Stripe and Shopify deliveries are named as their providers name them", () => {
  for (const sample of ALL_SAMPLES) assert.equal(typeOf(sample.headers, sample.body), sample.eventType, sample.name);
});

test("Slack: the inner event of a callback, the URL check, and an interactive form post", () => {
  const slack = { "Content-Type": "application/json", "X-Slack-Signature": "v0=ab", "X-Slack-Request-Timestamp": "1764496800" };
  const callback = { token: "x", team_id: "T0AB", api_app_id: "A0CD", type: "event_callback", event: { type: "app_mention", text: "<@U1> hi" } };
  assert.equal(typeOf(slack, JSON.stringify(callback)), "app_mention");
  assert.equal(typeOf(slack, JSON.stringify({ token: "x", challenge: "c", type: "url_verification" })), "url_verification");
  const form = { "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Signature": "v0=ab" };
  const payload = JSON.stringify({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "approve" }] });
  assert.equal(typeOf(form, `payload=${encodeURIComponent(payload)}`), "block_actions");
  // An ordinary form is not JSON at all.
  assert.equal(typeOf(form, "name=x&amount=3"), null);
});

test("Standard Webhooks, GitLab and Linear; a bare `type` from an unknown sender is not trusted", () => {
  assert.equal(
    typeOf({ "Content-Type": "application/json", "webhook-id": "msg_2x", "webhook-signature": "v1,x" }, '{"type":"user.created","data":{}}'),
    "user.created",
  );
  assert.equal(
    typeOf(
      { "Content-Type": "application/json", "X-Gitlab-Event": "Merge Request Hook" },
      '{"object_kind":"merge_request","object_attributes":{"action":"open"}}',
    ),
    "merge_request.open",
  );
  assert.equal(typeOf({ "Content-Type": "application/json", "Linear-Event": "Issue" }, '{"action":"create","data":{}}'), "Issue.create");
  assert.equal(typeOf({ "Content-Type": "application/json" }, '{"type":"order.paid"}'), UNTYPED_EVENT);
});

test("the bin's own path names what no provider does; odd values and bad bodies fall back", () => {
  const plain = { "Content-Type": "application/json" };
  assert.equal(typeOf(plain, '{"meta":{"kind":"invoice.voided"}}', "meta.kind"), "invoice.voided");
  assert.equal(typeOf(plain, '{"events":[{"name":7}]}', "$.events[0].name"), "7");
  assert.equal(typeOf(plain, '{"meta":{"kind":{"deep":1}}}', "meta.kind"), UNTYPED_EVENT, "an object is not a name");
  assert.equal(typeOf(plain, '{"meta":{}}', "meta.kind"), UNTYPED_EVENT);
  assert.equal(typeOf(plain, '{"kind":"a\\u0000b' + "x".repeat(300) + '"}', "kind")!.length, 120, "cut to 120 characters, control characters removed");
  assert.equal(typeOf(plain, "{not json"), null);
  assert.equal(typeOf({ "Content-Type": "text/plain" }, '{"type":"x"}'), null);
  // Without a content type, a body that opens like JSON is tried.
  assert.equal(typeOf({}, ' {"type":"x"}'), UNTYPED_EVENT);
  // Too large to parse: headers alone still name a GitHub event, without its action.
  const big = `{"action":"opened","pad":"${"x".repeat(SHAPE_MAX_BODY_BYTES)}"}`;
  assert.equal(typeOf({ ...plain, "X-GitHub-Event": "issues" }, big), "issues");
  assert.deepEqual(jsonBodyOf(plain["Content-Type"], new Uint8Array(Buffer.from(big))), { kind: "too_large" });
});
