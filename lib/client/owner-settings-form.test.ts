import assert from "node:assert/strict";
import { test } from "node:test";
import type { BinInfo } from "@/lib/shared/api-types";
import type { BinSettingsJson } from "./owner-types";
import {
  buildSettingsPatch,
  describeRule,
  endOfPickedDay,
  extendExpiry,
  newRule,
  sectionOfServerMessage,
  settingsToForm,
  type SettingsForm,
} from "./owner-settings-form";

const NOW = Date.parse("2030-01-01T00:00:00Z");

const settings: BinSettingsJson = {
  response: { status: 200, contentType: "application/json; charset=utf-8", headers: [["X-A", "1"]], body: null, delayMs: 0 },
  rules: [{ when: { kind: "nth", n: 2 }, action: { kind: "status", status: 503, body: null } }],
  rulesBase: 0,
  cors: { enabled: false, allowOrigin: "*" },
  forward: { enabled: false, url: null, maxAttempts: 6 },
  auth: { mode: "none", headerName: "X-Webhook-Token", onFailure: "reject" },
  sources: { mode: "off", allow: [], presets: [] },
  lastReplayTarget: null,
  eventTypePath: null,
};
const info = { expiresAt: "2030-01-08T00:00:00.000Z", maxRequests: 500 } as BinInfo;

const fresh = (): SettingsForm => settingsToForm(settings, info);

test("an untouched form has nothing to save", () => {
  assert.deepEqual(buildSettingsPatch(fresh(), fresh(), NOW), { errors: {}, patch: null });
});

test("only the changed section is sent, so editing the response does not restart the rules' count", () => {
  const form = fresh();
  form.response = { ...form.response, status: "418", customBody: true, body: "teapot" };
  const { patch } = buildSettingsPatch(form, fresh(), NOW);
  assert.deepEqual(patch, {
    settings: { response: { status: 418, contentType: "application/json; charset=utf-8", headers: [["X-A", "1"]], body: "teapot", delayMs: 0 } },
  });
});

test("a rule added at the end is sent with the whole ordered list", () => {
  const form = fresh();
  form.rules = [...form.rules, { ...newRule(), when: "percent", percent: "12.5", action: "rate_limit", retryAfterSeconds: "5" }];
  const { patch } = buildSettingsPatch(form, fresh(), NOW);
  assert.deepEqual(patch?.settings?.rules, [
    { when: { kind: "nth", n: 2 }, action: { kind: "status", status: 503, body: null } },
    { when: { kind: "percent", percent: 12.5 }, action: { kind: "rate_limit", retryAfterSeconds: 5 } },
  ]);
});

test("obvious mistakes are caught before the server sees them", () => {
  const form = fresh();
  form.response = { ...form.response, status: "700", delayMs: "30001", headers: [...form.response.headers, { key: "bad", name: "X Bad", value: "v" }] };
  form.forward = { ...form.forward, enabled: true };
  form.lifetime = { ...form.lifetime, maxRequests: "0" };
  const { errors, patch } = buildSettingsPatch(form, fresh(), NOW);
  assert.equal(patch, null);
  assert.match(errors["response.status"] ?? "", /200 to 599/);
  assert.match(errors["response.delayMs"] ?? "", /0 to 30000/);
  assert.match(errors["response.headers.bad"] ?? "", /no spaces/);
  assert.match(errors["forward.url"] ?? "", /set a URL/);
  assert.match(errors["lifetime.maxRequests"] ?? "", /whole number/);
});

test("empty header rows are ignored rather than refused", () => {
  const form = fresh();
  form.response = { ...form.response, headers: [...form.response.headers, { key: "blank", name: "", value: "" }] };
  assert.deepEqual(buildSettingsPatch(form, fresh(), NOW), { errors: {}, patch: null });
});

test("expiry and retention are top-level fields of the patch", () => {
  const form = fresh();
  form.lifetime = { expiresAt: extendExpiry(form.lifetime.expiresAt, 30, NOW), maxRequests: "100" };
  assert.deepEqual(buildSettingsPatch(form, fresh(), NOW).patch, { expiresAt: "2030-02-07T00:00:00.000Z", maxRequests: 100 });
  form.lifetime = { expiresAt: "2029-12-31T00:00:00.000Z", maxRequests: "100" };
  assert.match(buildSettingsPatch(form, fresh(), NOW).errors["lifetime.expiresAt"] ?? "", /future/);
});

test("extending a lapsed expiry counts from now", () => {
  assert.equal(extendExpiry("2029-01-01T00:00:00.000Z", 7, NOW), "2030-01-08T00:00:00.000Z");
  assert.equal(extendExpiry(null, 7, NOW), "2030-01-08T00:00:00.000Z");
});

test("a picked date means the end of that day", () => {
  const iso = endOfPickedDay("2030-03-04");
  assert.ok(iso);
  const d = new Date(iso);
  assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()], [2030, 2, 4, 23, 59]);
  assert.equal(endOfPickedDay(""), null);
});

test("server messages point at the section they are about", () => {
  assert.equal(sectionOfServerMessage("settings.rules.0.when.n: n must be 1 or more"), "rules");
  assert.equal(sectionOfServerMessage("expiresAt: at most 365 days ahead"), "lifetime");
  assert.equal(sectionOfServerMessage("something else"), null);
});

test("rules read as sentences", () => {
  assert.equal(describeRule({ ...newRule(), when: "nth", n: "2", action: "status", status: "503" }), "The 2nd request after saving: answer 503");
  assert.equal(describeRule({ ...newRule(), when: "after", n: "11", action: "gone" }), "Every request after the 11th: 410 Gone");
});
