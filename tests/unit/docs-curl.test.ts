import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { curlExample } from "@/app/docs/_components/curl-example";
import { readDocument } from "@/app/docs/_components/openapi-model";
import { openApiDocument } from "@/lib/server/openapi";

const doc = readDocument(openApiDocument());
const examples = new Map(
  doc.paths.flatMap((item) => item.operations.map((op) => [`${op.method} ${item.path}`, curlExample(item.path, op, item.parameters)] as const)),
);

/** The argv curl gets from the example in a POSIX shell, with $HOOKSCOPE set. */
function argv(command: string): string[] {
  const script = `HOOKSCOPE=https://hooks.example.com; set -- ${command.replace(/^curl /, "")}; for a in "$@"; do printf '%s\\0' "$a"; done`;
  return execFileSync("sh", ["-c", script]).toString().split("\0").slice(0, -1);
}

test("every operation has a curl example that a shell reads as intended", () => {
  assert.equal(
    examples.size,
    doc.paths.reduce((n, item) => n + item.operations.length, 0),
  );
  for (const [name, example] of examples) {
    const args = argv(example);
    const url = args.find((arg) => arg.startsWith("https://hooks.example.com/"));
    assert.ok(url, `${name}: ${example}`);
    assert.doesNotMatch(url, /[{}]/, name);
  }
});

test("capture is one ANY operation; its example posts JSON without a token", () => {
  const capture = doc.paths.find((item) => item.path === "/h/{binId}")!.operations;
  assert.deepEqual(
    capture.map((op) => op.method),
    ["ANY"],
  );
  assert.deepEqual(argv(examples.get("ANY /h/{binId}")!), [
    "-X",
    "POST",
    "https://hooks.example.com/h/<binId>",
    "-H",
    "Content-Type: application/json",
    "-d",
    '{"event":"ping"}',
  ]);
});

test("wait shows its filters, URL-encoded by curl; owner-only calls ask for the owner token", () => {
  assert.deepEqual(argv(examples.get("GET /api/bins/{binId}/requests/wait")!), [
    "-G",
    "https://hooks.example.com/api/bins/<binId>/requests/wait",
    "-H",
    "Authorization: Bearer <token>",
    "--data-urlencode",
    "method=POST",
    "--data-urlencode",
    "jsonPath=$.data.object.status",
    "--data-urlencode",
    "jsonEquals=succeeded",
    "--data-urlencode",
    "timeout=30",
  ]);
  assert.match(examples.get("DELETE /api/bins/{binId}")!, /Bearer <ownerToken>/);
  assert.match(examples.get("GET /api/bins/{binId}/requests/{requestId}/raw")!, /-H 'Range: bytes=0-1023' \\\n {2}-o body\.bin$/);
  assert.match(examples.get("GET /api/bins/{binId}/export")!, /export\?format=har"/);
});
