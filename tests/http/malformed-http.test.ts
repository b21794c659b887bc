import { connect } from "node:net";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { BinInfo, CreatedBin } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

// Black-box probes: bytes that are not valid HTTP/1.1, sent over a raw socket to a running server.
// Each must be refused with a 4xx and a closed connection, leave nothing behind, and leave the
// server answering normally.

let server: RunningServer;
let bin: CreatedBin;

before(async () => {
  // A short quiet spell, so that the "body never finished" probe is answered in a second.
  server = await startServer({ BODY_IDLE_SECONDS: "1", MAX_BODY_BYTES: String(1024 * 1024) });
  bin = await createBin(server.url);
});
after(async () => server?.stop());

interface Exchange {
  /** Status of every answer read from the connection, in order. */
  statuses: number[];
  text: string;
  /** The socket error, when the connection ended with one rather than a close. */
  error: string | null;
}

/** Writes `bytes` in one go (ending the sending side when `finish`) and reads until the server closes the connection. */
function exchange(bytes: string, finish = false): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(server.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let error: string | null = null;
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      resolve({ statuses: statusesOf(text), text, error });
    });
    socket.write(Buffer.from(bytes, "latin1"));
    if (finish) socket.end();
  });
}

/** The status of each answer in a stream of HTTP/1.1 answers, each framed by Content-Length, chunks or the close. */
function statusesOf(text: string): number[] {
  const statuses: number[] = [];
  let at = 0;
  while (at < text.length) {
    const head = /^HTTP\/1\.1 (\d{3}) [^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n/.exec(text.slice(at));
    if (!head) throw new Error(`not an HTTP/1.1 answer at byte ${at}: ${JSON.stringify(text.slice(at, at + 80))}`);
    statuses.push(Number(head[1]));
    at += head[0].length;
    const length = /^content-length: *(\d+)\r$/im.exec(head[2]!);
    if (length) {
      at += Number(length[1]);
    } else if (/^transfer-encoding: *chunked\r$/im.test(head[2]!)) {
      for (let size = -1; size !== 0;) {
        const line = /^([0-9a-f]+)\r\n/i.exec(text.slice(at));
        if (!line) throw new Error(`bad chunk at byte ${at}`);
        size = parseInt(line[1]!, 16);
        at += line[0].length + size + 2;
      }
    } else {
      at = text.length;
    }
  }
  return statuses;
}

async function binInfo(): Promise<BinInfo> {
  const response = await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken));
  assert.equal(response.status, 200);
  return (await response.json()) as BinInfo;
}

/** Where a probe goes: the capture URL, or an API call that would change the bin if it got through. */
interface Target {
  name: string;
  method: string;
  path: string;
  /** Header lines (each ending in CRLF) every probe carries. */
  headers: string;
  body: string;
}

const HOST = () => `Host: 127.0.0.1:${server.port}\r\n`;
const targets = (): Target[] => [
  { name: "capture", method: "POST", path: `/h/${bin.id}/probe`, headers: HOST(), body: "hello" },
  // Accepted, this would set the bin's retention to 7 (it is not 7 before).
  {
    name: "API",
    method: "PATCH",
    path: `/api/bins/${bin.id}`,
    headers: `${HOST()}Authorization: Bearer ${bin.ownerToken}\r\nContent-Type: application/json\r\n`,
    body: '{"maxRequests":7}',
  },
];

/** Probes that Node's parser refuses; every one is built for each target. */
const PROBES: [name: string, build: (t: Target) => string, status: number, finish?: boolean][] = [
  ["request line that is not HTTP", () => `GARBAGE\r\n\r\n`, 400],
  ["request line with a fourth part", (t) => `${t.method} ${t.path} HTTP/1.1 extra\r\n${t.headers}\r\n`, 400],
  ["method with a character no method has", (t) => `${t.method.slice(0, 1)}(${t.method.slice(1)} ${t.path} HTTP/1.1\r\n${t.headers}\r\n`, 400],
  ["space inside the request target", (t) => `${t.method} ${t.path} x HTTP/1.1\r\n${t.headers}\r\n`, 400],
  ["unknown HTTP version", (t) => `${t.method} ${t.path} HTTP/9.9\r\n${t.headers}Content-Length: 0\r\n\r\n`, 400],
  ["lower-case protocol name", (t) => `${t.method} ${t.path} http/1.1\r\n${t.headers}Content-Length: 0\r\n\r\n`, 400],
  // HTTP/0.9 has no version and no headers. Node's parser reads it, and waits for a header block
  // (up to its headers timeout, by design) unless the line is followed by one or by the sender closing.
  ["HTTP/0.9 request line, then an empty line", (t) => `GET ${t.path}\r\n\r\n`, 400],
  ["HTTP/0.9 request line with headers after it", (t) => `GET ${t.path}\r\n${t.headers}\r\n`, 400],
  ["HTTP/0.9 request line, then the sender closes", (t) => `GET ${t.path}\r\n`, 400, true],
  ["header name with a separator in it", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-Te(st: 1\r\nContent-Length: 0\r\n\r\n`, 400],
  ["space before the colon of Transfer-Encoding", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n`, 400],
  ["control character in a header value", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-A: a\x01b\r\nContent-Length: 0\r\n\r\n`, 400],
  ["header line without a colon", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-No-Colon\r\nContent-Length: 0\r\n\r\n`, 400],
  ["obsolete folded header line", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-A: a\r\n b\r\nContent-Length: 0\r\n\r\n`, 400],
  ["bare LF line endings", (t) => `${t.method} ${t.path} HTTP/1.1\n${t.headers.replaceAll("\r\n", "\n")}Content-Length: 0\n\n`, 400],
  ["NUL in the request target", (t) => `${t.method} ${t.path}\x00x HTTP/1.1\r\n${t.headers}Content-Length: 0\r\n\r\n`, 400],
  ["NUL in a header name", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-\x00A: b\r\nContent-Length: 0\r\n\r\n`, 400],
  ["NUL in a header value", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}X-A: a\x00b\r\nContent-Length: 0\r\n\r\n`, 400],
  [
    "Content-Length and Transfer-Encoding",
    (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: ${t.body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(t.body)}`,
    400,
  ],
  [
    "Transfer-Encoding and Content-Length",
    (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: chunked\r\nContent-Length: ${t.body.length}\r\n\r\n${chunked(t.body)}`,
    400,
  ],
  [
    "two Content-Length values that differ",
    (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: ${t.body.length}\r\nContent-Length: ${t.body.length + 1}\r\n\r\n${t.body}!`,
    400,
  ],
  [
    "Content-Length as a list",
    (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: ${t.body.length}, ${t.body.length + 1}\r\n\r\n${t.body}!`,
    400,
  ],
  ["negative Content-Length", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: -1\r\n\r\n${t.body}`, 400],
  ["Content-Length past 64 bits", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: 99999999999999999999999\r\n\r\n${t.body}`, 400],
  ["Content-Length that is not a number", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: 12abc\r\n\r\n${t.body}`, 400],
  ["Transfer-Encoding that does not end in chunked", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: gzip\r\n\r\n${t.body}`, 400],
  ["chunk size that is not hex", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: chunked\r\n\r\nzz\r\n${t.body}\r\n0\r\n\r\n`, 400],
  ["negative chunk size", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: chunked\r\n\r\n-5\r\n${t.body}\r\n0\r\n\r\n`, 400],
  [
    "chunk size past 64 bits",
    (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n${t.body}\r\n0\r\n\r\n`,
    400,
  ],
  ["chunk longer than its size", (t) => `${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Transfer-Encoding: chunked\r\n\r\n3\r\n${t.body}\r\n0\r\n\r\n`, 400],
  ["bad request after a good one on the same connection", (t) => `${good(t)}GARBAGE\r\n\r\n`, 400],
  [
    "smuggling attempt after a good request on the same connection",
    (t) =>
      `${good(t)}${t.method} ${t.path} HTTP/1.1\r\n${t.headers}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /h/${bin.id}/smuggled HTTP/1.1\r\n${t.headers}\r\n`,
    400,
  ],
  ["good request after a bad one on the same connection", (t) => `GARBAGE\r\n\r\n${good(t)}`, 400],
];

const chunked = (body: string) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
/** A valid request that changes nothing: a capture to its own path, or a read of the bin. */
const good = (t: Target) =>
  t.name === "capture" ? `POST /h/${bin.id}/good HTTP/1.1\r\n${t.headers}Content-Length: 2\r\n\r\nok` : `GET ${t.path} HTTP/1.1\r\n${t.headers}\r\n`;

test("malformed HTTP gets a 4xx and a closed connection, on the capture URL and on the API, and nothing is stored or changed", async () => {
  const before = await binInfo();
  assert.notEqual(before.maxRequests, 7);
  let goodCaptures = 0;
  for (const target of targets()) {
    for (const [name, build, status, finish] of PROBES) {
      const what = `${target.name}: ${name}`;
      const answer = await exchange(build(target), finish);
      assert.equal(answer.error, null, `${what}: the connection ends with a close, not ${answer.error}`);
      const leadsWithGood = name.includes("after a good one") || name.includes("after a good request");
      // A valid request ahead of the bad one is answered first, in order; then the refusal.
      assert.deepEqual(answer.statuses, leadsWithGood ? [200, status] : [status], `${what}:\n${answer.text}`);
      if (leadsWithGood && target.name === "capture") goodCaptures++;
    }
  }
  const afterProbes = await binInfo();
  assert.equal(afterProbes.requestCount, before.requestCount + goodCaptures, "only the valid captures ahead of a bad request were stored");
  assert.equal(afterProbes.maxRequests, before.maxRequests, "no malformed API call got through");
  const listed = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(bin.ownerToken))).json()) as { requests: { path: string }[] };
  assert.deepEqual(new Set(listed.requests.map((r) => r.path)), new Set(goodCaptures > 0 ? ["/good"] : []), "nothing smuggled, nothing from a probe");

  const normal = await fetch(`${bin.captureUrl}/after-probes`, { method: "POST", body: "still fine" });
  assert.equal(normal.status, 200);
  assert.equal((await binInfo()).requestCount, afterProbes.requestCount + 1);
});

test("a body cut short is not stored: 400 when the sender closes, 408 when it goes quiet", async () => {
  const before = (await binInfo()).requestCount;
  const head = (framing: string) => `POST /h/${bin.id}/cut HTTP/1.1\r\n${HOST()}${framing}\r\n\r\n`;
  const cases: [string, string, boolean, number][] = [
    ["chunked, then the sender closes", `${head("Transfer-Encoding: chunked")}5\r\nhe`, true, 400],
    ["Content-Length, then the sender closes", `${head("Content-Length: 10")}he`, true, 400],
    ["chunked, then nothing", `${head("Transfer-Encoding: chunked")}5\r\nhe`, false, 408],
    ["Content-Length, then nothing", `${head("Content-Length: 10")}he`, false, 408],
  ];
  const answers = await Promise.all(cases.map(([, bytes, finish]) => exchange(bytes, finish)));
  cases.forEach(([name, , , status], i) => assert.deepEqual(answers[i]!.statuses, [status], `${name}:\n${answers[i]!.text}`));
  assert.equal((await binInfo()).requestCount, before);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "x" })).status, 200);
});

test("a Content-Length past the body limit is refused with 413 before the body is read", async () => {
  const before = (await binInfo()).requestCount;
  const answer = await exchange(`POST /h/${bin.id} HTTP/1.1\r\n${HOST()}Content-Length: 1000000000000\r\n\r\nabc`);
  assert.deepEqual(answer.statuses, [413], answer.text);
  assert.equal((await binInfo()).requestCount, before);
  assert.equal((await fetch(bin.captureUrl, { method: "POST", body: "x" })).status, 200);
});
