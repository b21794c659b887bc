import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { joinTargetUrl } from "@/lib/server/outbound/send";
import { parseTargetUrl, redactUrl, targetPort } from "@/lib/server/outbound/target-url";

describe("joinTargetUrl", () => {
  const cases: [base: string, subpath: string, query: string, expected: string][] = [
    ["http://localhost:3000/webhooks", "/stripe", "a=1", "http://localhost:3000/webhooks/stripe?a=1"],
    ["http://localhost:3000/webhooks/", "/stripe", "a=1", "http://localhost:3000/webhooks/stripe?a=1"],
    ["http://localhost:3000/webhooks//", "stripe", "", "http://localhost:3000/webhooks/stripe"],
    ["http://localhost:3000", "/stripe", "", "http://localhost:3000/stripe"],
    ["http://localhost:3000/", "", "", "http://localhost:3000/"],
    ["http://localhost:3000/webhooks", "", "", "http://localhost:3000/webhooks"],
    ["http://localhost:3000/webhooks/", "", "a=1", "http://localhost:3000/webhooks/?a=1"],
    ["http://localhost:3000/webhooks", "/", "", "http://localhost:3000/webhooks/"],
    ["http://localhost:3000/webhooks", "/stripe/", "", "http://localhost:3000/webhooks/stripe/"],
    ["http://localhost:3000/hook?token=abc", "/stripe", "a=1&b=2", "http://localhost:3000/hook/stripe?token=abc&a=1&b=2"],
    ["http://localhost:3000/hook?token=abc", "", "", "http://localhost:3000/hook?token=abc"],
    ["http://localhost:3000/hook#frag", "/x", "?a=1", "http://localhost:3000/hook/x?a=1"],
    // Already percent-encoded captured parts are kept, not encoded twice.
    ["http://localhost:3000/h", "/caf%C3%A9/a%20b", "q=%2F%26", "http://localhost:3000/h/caf%C3%A9/a%20b?q=%2F%26"],
    ["https://u:p@example.test:8443/in", "/x", "", "https://u:p@example.test:8443/in/x"],
  ];
  for (const [base, subpath, query, expected] of cases) {
    test(`${base} + ${JSON.stringify(subpath)} + ${JSON.stringify(query)}`, () => {
      assert.equal(joinTargetUrl(base, subpath, query), expected);
    });
  }

  test("a captured subpath cannot climb out of the base path", () => {
    for (const subpath of ["/../admin", "/a/../../admin", "/%2e%2e/admin", "/.%2E/admin", "/./admin", "\\..\\admin"]) {
      const joined = new URL(joinTargetUrl("http://localhost:3000/webhooks", subpath, ""));
      assert.ok(joined.pathname.startsWith("/webhooks/"), `${subpath} → ${joined.pathname}`);
    }
  });

  test("? and # in a subpath or query stay data", () => {
    assert.equal(joinTargetUrl("http://h/b", "/a?b#c", "x=#y"), "http://h/b/a%3Fb%23c?x=%23y");
  });

  test("an invalid base throws", () => {
    assert.throws(() => joinTargetUrl("not a url", "/x", ""), TypeError);
  });
});

describe("target URLs", () => {
  test("only absolute http and https URLs are targets", () => {
    assert.equal(parseTargetUrl("https://example.test/x").ok, true);
    assert.equal(parseTargetUrl("HTTP://EXAMPLE.test").ok, true);
    for (const raw of ["ftp://example.test/", "file:///etc/passwd", "javascript:alert(1)", "//example.test/", "example.test"]) {
      assert.equal(parseTargetUrl(raw).ok, false, raw);
    }
  });

  test("redactUrl drops credentials; targetPort knows the defaults", () => {
    assert.equal(redactUrl("https://user:secret@example.test:8443/a?b=1"), "https://example.test:8443/a?b=1");
    assert.equal(targetPort(new URL("http://example.test/")), 80);
    assert.equal(targetPort(new URL("https://example.test/")), 443);
    assert.equal(targetPort(new URL("https://example.test:80/")), 80);
  });
});
