import assert from "node:assert/strict";
import { test } from "node:test";
import type { RequestDetail } from "@/lib/shared/api-types";
import { buildPush, buildReplay, replayFormFor } from "./owner-replay";

const detail = {
  id: "r1",
  binId: "b",
  method: "POST",
  headers: [
    ["Content-Type", "application/json"],
    ["X-Dup", "1"],
    ["X-Dup", "2"],
  ],
  bodyText: '{"a":1}',
  bodySize: 7,
} as RequestDetail;

test("an untouched replay sends only the target, so the server re-sends the captured bytes", () => {
  const form = replayFormFor(detail, "http://127.0.0.1:9/hook");
  assert.deepEqual(buildReplay(form, detail), { errors: {}, replay: { targetUrl: "http://127.0.0.1:9/hook" } });
});

test("edits are sent, and only those", () => {
  const form = replayFormFor(detail, "https://example.com/x");
  form.method = "put";
  form.bodyText = '{"a":2}';
  form.followRedirects = true;
  assert.deepEqual(buildReplay(form, detail).replay, { targetUrl: "https://example.com/x", method: "PUT", bodyText: '{"a":2}', followRedirects: true });
});

test("a reordered or removed header sends the whole ordered list", () => {
  const form = replayFormFor(detail, "https://example.com/x");
  form.headers = [form.headers[2]!, form.headers[0]!];
  assert.deepEqual(buildReplay(form, detail).replay?.headers, [
    ["X-Dup", "2"],
    ["Content-Type", "application/json"],
  ]);
});

test("a binary body goes out as captured unless replaced", () => {
  const binary = { ...detail, bodyText: null, bodySize: 300 } as RequestDetail;
  const form = replayFormFor(binary, "https://example.com/x");
  assert.equal(form.bodyMode, "captured");
  assert.deepEqual(buildReplay(form, binary).replay, { targetUrl: "https://example.com/x" });
  form.bodyMode = "text";
  assert.deepEqual(buildReplay(form, binary).replay, { targetUrl: "https://example.com/x", bodyText: "" });
});

test("mistakes are named per field", () => {
  const form = replayFormFor(detail, null);
  form.method = "GET ME";
  form.headers[0]!.name = "Bad Name";
  const { errors, replay } = buildReplay(form, detail);
  assert.equal(replay, null);
  assert.deepEqual(Object.keys(errors).sort(), ["headers." + form.headers[0]!.key, "method", "targetUrl"].sort());
});

test("sending through a CLI carries the same edits, no target and no redirect choice", () => {
  const form = replayFormFor(detail, null);
  assert.deepEqual(buildPush(form, detail), { errors: {}, push: { requestId: "r1" } });
  form.method = "patch";
  form.bodyText = "changed";
  form.followRedirects = true;
  assert.deepEqual(buildPush(form, detail).push, { requestId: "r1", method: "PATCH", bodyText: "changed" });
  form.method = "NOT ONE";
  assert.deepEqual(Object.keys(buildPush(form, detail).errors), ["method"]);
});
