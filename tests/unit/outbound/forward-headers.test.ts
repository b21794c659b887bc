import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { buildForwardHeaders } from "@/lib/server/outbound/send";

describe("buildForwardHeaders", () => {
  test("keeps order, case and duplicates; replaces Host and Content-Length in place", () => {
    const headers = buildForwardHeaders(
      [
        ["host", "capture.example"],
        ["X-Event", "a"],
        ["x-event", "b"],
        ["Content-Length", "3"],
        ["Content-Type", "application/json"],
      ],
      "http://localhost:3000/webhooks",
      42,
    );
    assert.deepEqual(headers, [
      ["host", "localhost:3000"],
      ["X-Event", "a"],
      ["x-event", "b"],
      ["Content-Length", "42"],
      ["Content-Type", "application/json"],
    ]);
  });

  test("drops hop-by-hop headers, those Connection names, Proxy-*, Expect and pseudo-headers", () => {
    const headers = buildForwardHeaders(
      [
        [":authority", "capture.example"],
        ["Connection", "Keep-Alive, X-Conn-A"],
        ["connection", "x-conn-b"],
        ["Keep-Alive", "timeout=5"],
        ["X-Conn-A", "1"],
        ["X-CONN-B", "2"],
        ["Proxy-Authorization", "Basic eDp5"],
        ["proxy-connection", "keep-alive"],
        ["TE", "trailers"],
        ["Trailer", "X-Sum"],
        ["Upgrade", "websocket"],
        ["Transfer-Encoding", "chunked"],
        ["Expect", "100-continue"],
        ["X-Kept", "yes"],
      ],
      "https://example.test/in",
      5,
    );
    assert.deepEqual(headers, [
      ["Host", "example.test"],
      ["Content-Length", "5"],
      ["X-Kept", "yes"],
    ]);
  });

  test("Content-Length appears when there is a body, framing was captured, or the method expects one", () => {
    const url = "http://h.test/";
    assert.deepEqual(buildForwardHeaders([], url, 0), [["Host", "h.test"]]);
    assert.deepEqual(buildForwardHeaders([], url, 0, "GET"), [["Host", "h.test"]]);
    assert.deepEqual(buildForwardHeaders([], url, 0, "post"), [
      ["Host", "h.test"],
      ["Content-Length", "0"],
    ]);
    assert.deepEqual(buildForwardHeaders([["Content-Length", "0"]], url, 0, "GET"), [
      ["Host", "h.test"],
      ["Content-Length", "0"],
    ]);
    assert.deepEqual(buildForwardHeaders([], url, 3, "GET"), [
      ["Host", "h.test"],
      ["Content-Length", "3"],
    ]);
  });

  test("Host carries the target's non-default port and IPv6 brackets", () => {
    assert.deepEqual(buildForwardHeaders([], "https://[::1]:8443/", 0), [["Host", "[::1]:8443"]]);
    assert.deepEqual(buildForwardHeaders([], "https://example.test:443/", 0), [["Host", "example.test"]]);
  });

  test("credentials in the target URL replace the captured Authorization, in its place", () => {
    const headers = buildForwardHeaders(
      [
        ["X-A", "1"],
        ["authorization", "Bearer captured"],
        ["Authorization", "Bearer second"],
        ["X-B", "2"],
      ],
      "http://us%3Aer:p%40ss@h.test/",
      0,
    );
    assert.deepEqual(headers, [
      ["Host", "h.test"],
      ["X-A", "1"],
      ["authorization", `Basic ${Buffer.from("us:er:p@ss").toString("base64")}`],
      ["X-B", "2"],
    ]);
    assert.deepEqual(buildForwardHeaders([["Authorization", "Bearer kept"]], "http://h.test/", 0), [
      ["Host", "h.test"],
      ["Authorization", "Bearer kept"],
    ]);
    assert.deepEqual(buildForwardHeaders([], "http://u@h.test/", 0)[1], ["Authorization", `Basic ${Buffer.from("u:").toString("base64")}`]);
  });
});
