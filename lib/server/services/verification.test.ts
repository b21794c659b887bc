import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { verifyRequest, type CapturedRequest, type SecretConfig } from "@/lib/server/signatures";
import { forViewer, type RequestVerification } from "./verification";

const BODY = '{"action":"opened","number":7}';
const GITHUB_SECRET = "gh-owner-secret-never-for-viewers";

function capture(headers: [string, string][]): CapturedRequest {
  return { method: "POST", url: "https://hooks.example.com/h/bin1", headers, body: new TextEncoder().encode(BODY), receivedAt: Date.UTC(2025, 0, 1) };
}

function verification(request: CapturedRequest, secrets: SecretConfig[]): RequestVerification {
  const verdict = verifyRequest(request, secrets);
  return {
    status: verdict.status,
    signature: verdict.signature,
    freshness: verdict.freshness,
    scheme: verdict.scheme,
    reason: verdict.reason,
    ...(verdict.details ? { details: verdict.details } : {}),
    duplicateOf: null,
    authFailure: null,
    sourceFailure: null,
    plainHttp: false,
  };
}

/** The signature a sender with the secret would send, prefix included, as verdicts quote it. */
const signatureOf = (algorithm: "sha1" | "sha256", secret: string) => `${algorithm}=${createHmac(algorithm, secret).update(BODY).digest("hex")}`;
/** What an owner's verdict shows of it: the first 12 characters. */
const shown = (signature: string) => signature.slice(0, 12);

test("a viewer's verdict keeps the reason, the header and the received signature, without the expected one", () => {
  const expected = signatureOf("sha256", GITHUB_SECRET);
  const received = `sha256=${"0".repeat(64)}`;
  const owner = verification(
    capture([
      ["X-Hub-Signature-256", received],
      ["X-GitHub-Event", "pull_request"],
    ]),
    [{ scheme: "github", secret: GITHUB_SECRET }],
  );
  // The owner's reason quotes the start of the expected signature; the viewer's must not.
  assert.equal(owner.status, "invalid");
  assert.ok(owner.reason.includes(shown(expected)), owner.reason);
  assert.ok(owner.details?.expected);

  const viewer = forViewer(owner);
  const text = JSON.stringify(viewer);
  assert.equal(viewer.status, "invalid");
  assert.equal(viewer.details?.expected, undefined);
  assert.equal(viewer.details?.header, "X-Hub-Signature-256");
  assert.equal(viewer.details?.received, received);
  assert.match(viewer.reason, /^The GitHub signature in X-Hub-Signature-256 does not match \(received "sha256=0{20,}/);
  for (const leak of [GITHUB_SECRET, expected, shown(expected)]) assert.ok(!text.includes(leak), `viewer JSON contains ${leak}`);
});

test("a hint that repeats another secret's mismatch loses its expected signature too", () => {
  const intercomSecret = "intercom-owner-secret-never-for-viewers";
  const expected = signatureOf("sha1", intercomSecret);
  // A sure GitHub delivery checked with an Intercom secret (the two share X-Hub-Signature).
  const request = capture([
    ["X-Hub-Signature", `sha1=${"1".repeat(40)}`],
    ["X-Hub-Signature-256", `sha256=${"2".repeat(64)}`],
    ["X-GitHub-Event", "push"],
    ["X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"],
  ]);
  const owner = verification(request, [{ scheme: "intercom", secret: intercomSecret }]);
  assert.ok(JSON.stringify(owner).includes(shown(expected)), "the owner's hints quote the Intercom signature");

  const viewer = forViewer(owner);
  const text = JSON.stringify(viewer);
  assert.ok(!text.includes(shown(expected)) && !text.includes(intercomSecret), text);
  assert.ok(
    viewer.details?.hints?.some((hint) => hint.includes("did not verify")),
    "the hint itself stays",
  );
});

test("verdicts without details, and valid ones, pass through unchanged but for the expected signature", () => {
  const unsigned = verification(capture([["Content-Type", "application/json"]]), []);
  assert.deepEqual(forViewer(unsigned), unsigned);

  const signature = signatureOf("sha256", GITHUB_SECRET);
  const valid = verification(capture([["X-Hub-Signature-256", signature]]), [{ scheme: "github", secret: GITHUB_SECRET }]);
  const viewer = forViewer(valid);
  assert.equal(viewer.status, "valid");
  assert.equal(viewer.reason, valid.reason);
  assert.deepEqual({ ...valid.details, expected: undefined }, { ...viewer.details, expected: undefined });
  assert.equal(viewer.details?.expected, undefined);
});
