import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { classifyIp } from "@/lib/server/outbound/address-kind";
import { AllowListError, parseAllowEntry } from "@/lib/server/outbound/allow-list";
import { parseIp } from "@/lib/shared/ip";
import { checkTarget, policyFromEnv, type TargetPolicy } from "@/lib/server/outbound/target-policy";

const kindOf = (address: string) => {
  const ip = parseIp(address);
  assert.ok(ip, address);
  return classifyIp(ip).kind;
};

describe("address classification", () => {
  const cases: [string, string][] = [
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["fc00::1", "private"],
    ["fdff:ffff::1", "private"],
    ["64:ff9b:1::a00:1", "private"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["169.254.0.1", "link_local"],
    ["fe80::1", "link_local"],
    ["febf::1", "link_local"],
    ["169.254.169.254", "cloud_metadata"],
    ["fd00:ec2::254", "cloud_metadata"],
    ["100.100.100.200", "cloud_metadata"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["0.1.2.3", "reserved"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["::7f00:1", "reserved"],
    ["4000::1", "reserved"],
    // Wrappers are judged by the IPv4 inside.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "cloud_metadata"],
    ["64:ff9b::10.1.2.3", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:a01:203::1", "private"],
    ["2002:c0a8:101::", "private"],
    // Public, including wrappers around public IPv4.
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["100.128.0.1", "public"],
    ["2606:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::808:808", "public"],
  ];
  for (const [address, kind] of cases) {
    test(`${address} is ${kind}`, () => assert.equal(kindOf(address), kind));
  }

  test("odd IPv4 spellings are not addresses here: they must pass through the URL parser first", () => {
    for (const text of ["2130706433", "0177.0.0.1", "127.1", "0x7f.0.0.1", "127.0.0.1.", "localhost"]) {
      assert.equal(parseIp(text), null, text);
    }
  });
});

describe("checkTarget", () => {
  const strict: TargetPolicy = { allowPrivate: false, allowList: [] };

  test("public addresses pass; internal ones are refused with the way to open them", () => {
    assert.deepEqual(checkTarget(strict, { hostname: "example.test", address: "93.184.215.14", port: 443 }), { allowed: true });
    assert.deepEqual(checkTarget(strict, { hostname: "10.0.0.5", address: "10.0.0.5", port: 80 }), {
      allowed: false,
      kind: "private",
      reason:
        "10.0.0.5 is a private address. To reach your own machine, send it through hookscope forward running there; or, on a server only you use, set ALLOW_PRIVATE_TARGETS=1 or add it to OUTBOUND_ALLOW_LIST.",
    });
  });

  test("allowPrivate opens loopback, private, shared and link-local, and nothing else", () => {
    const open: TargetPolicy = { allowPrivate: true, allowList: [] };
    for (const address of ["127.0.0.1", "::1", "10.0.0.5", "fd00::1", "100.64.0.1", "169.254.1.1", "::ffff:192.168.0.1"]) {
      assert.equal(checkTarget(open, { hostname: address, address, port: 80 }).allowed, true, address);
    }
    for (const address of ["169.254.169.254", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "192.0.2.1"]) {
      assert.equal(checkTarget(open, { hostname: address, address, port: 80 }).allowed, false, address);
    }
  });

  test("allow-list entries: hosts, wildcards, IPs, CIDRs, with and without port", () => {
    const allowed = (allowList: string[], hostname: string, address: string, port = 8080) =>
      checkTarget({ allowPrivate: false, allowList }, { hostname, address, port }).allowed;

    assert.equal(allowed(["hooks.internal"], "hooks.internal", "10.0.0.5"), true);
    assert.equal(allowed(["HOOKS.internal."], "hooks.internal", "10.0.0.5"), true);
    assert.equal(allowed(["hooks.internal"], "other.internal", "10.0.0.5"), false);
    assert.equal(allowed(["*.internal"], "a.b.internal", "10.0.0.5"), true);
    assert.equal(allowed(["*.internal"], "internal", "10.0.0.5"), false);
    assert.equal(allowed(["*.internal"], "evilinternal", "10.0.0.5"), false);
    assert.equal(allowed(["10.0.0.0/8"], "x.test", "10.200.0.1"), true);
    assert.equal(allowed(["10.0.0.0/8"], "x.test", "11.0.0.1"), true); // public anyway
    assert.equal(allowed(["10.0.0.0/8"], "x.test", "172.16.0.1"), false);
    assert.equal(allowed(["10.0.0.0/8"], "::ffff:10.1.2.3", "::ffff:10.1.2.3"), true);
    assert.equal(allowed(["127.0.0.1:8080"], "127.0.0.1", "127.0.0.1", 8080), true);
    assert.equal(allowed(["127.0.0.1:8080"], "127.0.0.1", "127.0.0.1", 8081), false);
    assert.equal(allowed(["127.1"], "127.0.0.1", "127.0.0.1"), true);
    assert.equal(allowed(["[::1]:8080"], "::1", "::1", 8080), true);
    assert.equal(allowed(["fd00::/8"], "x.test", "fd12::1"), true);
    assert.equal(allowed(["[fd00::/8]:9"], "x.test", "fd12::1", 8080), false);
    assert.equal(allowed(["169.254.169.254"], "169.254.169.254", "169.254.169.254"), true);
  });

  test("a hostname's refusal names both the name and the address it resolved to", () => {
    const decision = checkTarget(strict, { hostname: "metadata.google.internal", address: "169.254.169.254", port: 80 });
    assert.ok(!decision.allowed);
    assert.equal(decision.reason, "metadata.google.internal resolves to 169.254.169.254, a cloud metadata address. Add it to OUTBOUND_ALLOW_LIST to allow it.");
  });
});

describe("allow-list syntax", () => {
  test("parses each form", () => {
    assert.deepEqual(parseAllowEntry("hooks.internal"), { type: "host", host: "hooks.internal", port: null });
    assert.deepEqual(parseAllowEntry(" hooks.internal:8443 "), { type: "host", host: "hooks.internal", port: 8443 });
    assert.deepEqual(parseAllowEntry("*.Internal.Test"), { type: "suffix", suffix: ".internal.test", port: null });
    for (const [text, prefix, port] of [
      ["10.0.0.0/8", 8, null],
      ["10.0.0.5:3000", 32, 3000],
      ["10.0.0.0/8:3000", 8, 3000],
      ["::1", 128, null],
      ["fd00::/8", 8, null],
      ["[fd00::1]:3000", 128, 3000],
      ["[fd00::/8]", 8, null],
    ] as const) {
      const entry = parseAllowEntry(text);
      assert.equal(entry.type, "range", text);
      assert.ok(entry.type === "range");
      assert.equal(entry.range.prefix, prefix, text);
      assert.equal(entry.port, port, text);
    }
  });

  test("rejects what it cannot read, with the entry in the message", () => {
    for (const text of ["http://x", "10.0.0.0/33", "fd00::/129", "host:0", "host:70000", "*.", "*.10.0.0.1", "a@b", "[10.0.0.1]", "10.0.0.0/x", ""]) {
      assert.throws(() => parseAllowEntry(text), AllowListError, text);
    }
    assert.throws(() => parseAllowEntry("http://x"), /OUTBOUND_ALLOW_LIST entry "http:\/\/x"/);
  });
});

describe("policyFromEnv", () => {
  test("reads the switch and the comma-separated list", () => {
    assert.deepEqual(policyFromEnv({}), { allowPrivate: false, allowList: [] });
    assert.deepEqual(policyFromEnv({ ALLOW_PRIVATE_TARGETS: "1" }).allowPrivate, true);
    assert.deepEqual(policyFromEnv({ ALLOW_PRIVATE_TARGETS: "TRUE" }).allowPrivate, true);
    assert.deepEqual(policyFromEnv({ ALLOW_PRIVATE_TARGETS: "0" }).allowPrivate, false);
    assert.deepEqual(policyFromEnv({ OUTBOUND_ALLOW_LIST: " 127.0.0.1:3000, *.internal ,,10.0.0.0/8 " }).allowList, [
      "127.0.0.1:3000",
      "*.internal",
      "10.0.0.0/8",
    ]);
  });

  test("a typo stops start-up with a clear message", () => {
    assert.throws(() => policyFromEnv({ ALLOW_PRIVATE_TARGETS: "maybe" }), /ALLOW_PRIVATE_TARGETS must be/);
    assert.throws(() => policyFromEnv({ OUTBOUND_ALLOW_LIST: "ok.test, http://bad" }), /entry "http:\/\/bad"/);
  });
});
