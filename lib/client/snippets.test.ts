import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { diffHeaders, diffLines, firstDifference } from "./diff";
import { buildSnippet, type SnippetRequest } from "./snippets";

const enc = (s: string) => new TextEncoder().encode(s);
const request = (over: Partial<SnippetRequest> = {}): SnippetRequest => ({
  method: "POST",
  url: "http://127.0.0.1:3000/h/abc/orders?x=1&y=[2]",
  headers: [
    ["Host", "127.0.0.1:3000"],
    ["Content-Type", "application/json"],
    ["X-Dup", "one"],
    ["X-Dup", "two"],
    ["X-Quote", "it's $HOME `id`"],
    ["X-Empty", ""],
    ["Content-Length", "13"],
  ],
  bodySize: enc(`{"a":"it's"}\n`).length,
  bodyText: `{"a":"it's"}\n`,
  ...over,
});

/** What a POSIX shell makes of the command: the argv curl would get. */
function argv(command: string): string[] {
  const out = execFileSync("sh", ["-c", `set -- ${command.replace(/^\w+ /, "")}; for a in "$@"; do printf '%s\\0' "$a"; done`]);
  return out.toString().split("\0").slice(0, -1);
}

test("curl keeps header order and duplicates, quotes safely and sends the body raw", () => {
  const snippet = buildSnippet("curl", request());
  const args = argv(snippet.code.replace(/\\\n/g, ""));
  assert.deepEqual(args, [
    "--globoff",
    "-X",
    "POST",
    "http://127.0.0.1:3000/h/abc/orders?x=1&y=[2]",
    "-H",
    "Content-Type: application/json",
    "-H",
    "X-Dup: one",
    "-H",
    "X-Dup: two",
    "-H",
    "X-Quote: it's $HOME `id`",
    "-H",
    "X-Empty;",
    "-H",
    "User-Agent:",
    "-H",
    "Accept:",
    "--data-raw",
    `{"a":"it's"}\n`,
  ]);
  assert.deepEqual(snippet.skipped, ["Host", "Content-Length"]);
  assert.equal(snippet.bodyFile, null);
});

test("binary bodies go through a file in curl and HTTPie", () => {
  const binary = request({ bodySize: 3, bodyText: null });
  const curl = buildSnippet("curl", binary);
  assert.match(curl.code, /--data-binary @body\.bin$/);
  assert.equal(curl.bodyFile, "body.bin");
  const httpie = buildSnippet("httpie", binary);
  assert.match(httpie.code, /< body\.bin$/);
  assert.doesNotMatch(httpie.code, /--ignore-stdin/);
  const js = buildSnippet("fetch", binary);
  assert.match(js.code, /readFile\("body\.bin"\)/);
  // A body over 2 MiB is not in the detail (no text at hand): it goes through the file, never as empty.
  assert.match(buildSnippet("curl", request({ bodySize: 3 * 1024 * 1024, bodyText: null })).code, /--data-binary @body\.bin$/);
});

test("HTTPie and fetch reproduce headers and body and name what they cannot", () => {
  const httpie = buildSnippet("httpie", request());
  assert.deepEqual(argv(httpie.code.replace(/\\\n/g, "")).slice(0, 4), ["--ignore-stdin", "--raw", `{"a":"it's"}\n`, "POST"]);
  assert.match(httpie.code, /'X-Dup:one' \\\n {2}'X-Dup:two'/);
  assert.match(httpie.code, /'X-Empty;'/);
  const js = buildSnippet("fetch", request());
  assert.match(js.code, /\["X-Dup", "one"\],\n {4}\["X-Dup", "two"\]/);
  assert.match(js.code, /body: "\{\\"a\\":\\"it's\\"\}\\n",/);
  assert.match(js.caveats[0] ?? "", /joins repeated X-Dup/);
  const get = buildSnippet("curl", request({ method: "GET", bodySize: 0, bodyText: null, headers: [] }));
  assert.doesNotMatch(get.code, /data|Content-Type/);
});

test("diffLines aligns changed lines and diffHeaders matches names case-insensitively", () => {
  const ops = diffLines(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]);
  assert.deepEqual(ops, [
    { kind: "same", text: "a" },
    { kind: "removed", text: "b" },
    { kind: "added", text: "x" },
    { kind: "same", text: "c" },
    { kind: "same", text: "d" },
    { kind: "added", text: "e" },
  ]);
  assert.deepEqual(diffLines([], []), []);
  const many = (prefix: string) => Array.from({ length: 2000 }, (_, i) => `${prefix}${i}`);
  assert.equal(diffLines(many("a"), many("b")), null, "past 1,000 edits the diff gives up");
  const long = many("line ");
  assert.deepEqual(
    diffLines(long, [...long.slice(0, 1500), "changed", ...long.slice(1501)])?.filter((op) => op.kind !== "same"),
    [
      { kind: "removed", text: "line 1500" },
      { kind: "added", text: "changed" },
    ],
  );
  const rows = diffHeaders(
    [
      ["Content-Type", "a"],
      ["X-Sig", "1"],
      ["X-Old", "o"],
    ],
    [
      ["content-type", "a"],
      ["X-Sig", "2"],
      ["X-New", "n"],
    ],
  );
  assert.deepEqual(
    rows.map((r) => [r.name, r.status]),
    [
      ["Content-Type", "same"],
      ["X-Sig", "changed"],
      ["X-Old", "left-only"],
      ["X-New", "right-only"],
    ],
  );
  assert.equal(firstDifference(enc("abc"), enc("abd")), 2);
  assert.equal(firstDifference(enc("ab"), enc("ab")), -1);
  assert.equal(firstDifference(enc("ab"), enc("abc")), 2);
});
