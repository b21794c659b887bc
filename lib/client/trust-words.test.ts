import assert from "node:assert/strict";
import { test } from "node:test";
import { isLoopback, parseAllowList, rangeProblem, timestampWords } from "./trust-words";

test("loopback is 127.0.0.0/8 and ::1, also IPv4-mapped", () => {
  for (const address of ["127.0.0.1", "127.9.8.7", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"]) assert.equal(isLoopback(address), true, address);
  for (const address of ["128.0.0.1", "10.0.0.1", "::2", "2001:db8::1", "", "localhost", "::ffff:10.0.0.1"]) assert.equal(isLoopback(address), false, address);
});

test("allow-list entries are IPv4/IPv6 addresses or CIDR ranges, as the server checks them", () => {
  for (const ok of ["192.0.2.1", "192.0.2.0/24", "0.0.0.0/0", "2001:db8::/32", "::1", "::ffff:192.0.2.1/128"]) assert.equal(rangeProblem(ok), null, ok);
  assert.match(rangeProblem("192.0.2.0/33") ?? "", /prefix after \/ must be 0 to 32/);
  assert.match(rangeProblem("2001:db8::/129") ?? "", /0 to 128/);
  for (const bad of ["example.com", "192.0.2", "192.0.2.256", "01.2.3.4", "1.2.3.4/8/1", "1.2.3.4/", "fe80::1%eth0", "gg::1"]) {
    assert.match(rangeProblem(bad) ?? "", /not an IP address or CIDR range|prefix/, bad);
  }
  assert.deepEqual(parseAllowList(" 127.0.0.2/32 \n\n127.0.0.2/32\r\n::1\n"), { ranges: ["127.0.0.2/32", "::1"], problems: [] });
  assert.equal(parseAllowList("1.2.3.4\nnope").problems.length, 1);
});

test("the timestamp dimension in words", () => {
  assert.equal(timestampWords("fresh", { timestampAgeSeconds: 3, toleranceSeconds: 300 }), "fresh: 3 s old, within 300 s");
  assert.equal(
    timestampWords("stale", { timestampAgeSeconds: 3600.2, toleranceSeconds: 300, staleBySeconds: 3300.2 }),
    "stale: 3,300 s beyond the 300 s window; 3,600 s old (about 60 minutes)",
  );
  assert.equal(timestampWords("no_timestamp"), "no timestamp signed");
  assert.equal(timestampWords("window_off"), "window off");
});
