import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ApiError, BinInfo, CreatedBin, RequestDetail, RequestPage } from "@/lib/shared/api-types";
import { authorized, createBin } from "../helpers/http";
import { startServer, type RunningServer } from "../helpers/server";

let server: RunningServer;
let bin: CreatedBin;
let shareToken: string;
const captured: string[] = [];

before(async () => {
  server = await startServer();
  bin = await createBin(server.url);
  shareToken = decodeURIComponent(bin.shareUrl.split("#share=")[1]!);
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${bin.captureUrl}/n/${i}`, { method: "POST", body: `body ${i}` });
    captured.push(response.headers.get("x-hookscope-request-id")!);
  }
});
after(async () => server?.stop());

async function errorOf(response: Response): Promise<ApiError["error"]> {
  return ((await response.json()) as ApiError).error;
}

describe("who may do what", () => {
  test("a missing token, a wrong token and an unknown bin answer alike", async () => {
    const missing = await fetch(`${server.url}/api/bins/${bin.id}`);
    const wrong = await fetch(`${server.url}/api/bins/${bin.id}`, authorized("not-the-token"));
    const unknown = await fetch(`${server.url}/api/bins/zzzzzzzzzzzzzzzz`, authorized(bin.ownerToken));
    const bodies = await Promise.all([missing, wrong, unknown].map((r) => r.text()));
    assert.deepEqual([missing.status, wrong.status, unknown.status], [404, 404, 404]);
    assert.equal(bodies[0], bodies[1]);
    assert.equal(bodies[1], bodies[2]);
    assert.equal((JSON.parse(bodies[0]!) as ApiError).error.code, "bin_not_found");
  });

  test("knowing the bin id does not let you read its requests", async () => {
    for (const path of ["/requests", `/requests/${captured[0]}`, `/requests/${captured[0]}/raw`]) {
      const response = await fetch(`${server.url}/api/bins/${bin.id}${path}`);
      assert.equal(response.status, 404, path);
    }
  });

  test("the owner reads metadata with the share link; the share token reads without it", async () => {
    const owner = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
    assert.equal(owner.role, "owner");
    assert.equal(owner.requestCount, 5);
    assert.equal(owner.shareUrl, bin.shareUrl);
    const viewer = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(shareToken))).json()) as BinInfo;
    assert.equal(viewer.role, "viewer");
    assert.equal(viewer.shareUrl, undefined);
    const detail = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured[0]}`, authorized(shareToken));
    assert.equal(detail.status, 200);
    assert.equal(((await detail.json()) as RequestDetail).bodyText, "body 0");
  });

  test("the share token cannot delete or clear", async () => {
    const one = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured[0]}`, { method: "DELETE", ...authorized(shareToken) });
    const all = await fetch(`${server.url}/api/bins/${bin.id}/requests`, { method: "DELETE", ...authorized(shareToken) });
    const whole = await fetch(`${server.url}/api/bins/${bin.id}`, { method: "DELETE", ...authorized(shareToken) });
    assert.deepEqual([one.status, all.status, whole.status], [403, 403, 403]);
    assert.equal((await errorOf(one)).code, "forbidden");
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests`, authorized(shareToken))).json()) as RequestPage;
    assert.equal(page.requests.length, 5);
  });
});

describe("reading", () => {
  test("summaries come newest first, paginated with before", async () => {
    const first = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=2`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.deepEqual(
      first.requests.map((r) => r.id),
      [captured[4], captured[3]],
    );
    assert.equal(first.nextBefore, captured[3]);
    assert.equal("body" in first.requests[0]!, false);
    const second = (await (
      await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=2&before=${first.nextBefore}`, authorized(bin.ownerToken))
    ).json()) as RequestPage;
    assert.deepEqual(
      second.requests.map((r) => r.id),
      [captured[2], captured[1]],
    );
    const last = (await (
      await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=2&before=${second.nextBefore}`, authorized(bin.ownerToken))
    ).json()) as RequestPage;
    assert.deepEqual(
      last.requests.map((r) => r.id),
      [captured[0]],
    );
    assert.equal(last.nextBefore, null);
  });

  test("after= returns only newer requests", async () => {
    const page = (await (await fetch(`${server.url}/api/bins/${bin.id}/requests?after=${captured[2]}`, authorized(bin.ownerToken))).json()) as RequestPage;
    assert.deepEqual(
      page.requests.map((r) => r.id),
      [captured[4], captured[3]],
    );
  });

  test("bad query parameters and unknown requests get JSON errors", async () => {
    const badLimit = await fetch(`${server.url}/api/bins/${bin.id}/requests?limit=0`, authorized(bin.ownerToken));
    assert.equal(badLimit.status, 400);
    assert.equal((await errorOf(badLimit)).code, "invalid_request");
    const badCursor = await fetch(`${server.url}/api/bins/${bin.id}/requests?before=../../etc`, authorized(bin.ownerToken));
    assert.equal(badCursor.status, 400);
    const missing = await fetch(`${server.url}/api/bins/${bin.id}/requests/0000000000000000000000`, authorized(bin.ownerToken));
    assert.equal(missing.status, 404);
    assert.equal((await errorOf(missing)).code, "request_not_found");
  });
});

describe("deleting", () => {
  test("the owner deletes one request, then all, then the bin", async () => {
    const one = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured[0]}`, { method: "DELETE", ...authorized(bin.ownerToken) });
    assert.equal(one.status, 204);
    const gone = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured[0]}`, authorized(bin.ownerToken));
    assert.equal(gone.status, 404);
    const again = await fetch(`${server.url}/api/bins/${bin.id}/requests/${captured[0]}`, { method: "DELETE", ...authorized(bin.ownerToken) });
    assert.equal(again.status, 404);
    // Counted from the bin's tallies, not its rows: the one deleted counts once.
    const afterOne = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
    assert.equal(afterOne.requestCount, captured.length - 1);

    const all = await fetch(`${server.url}/api/bins/${bin.id}/requests`, { method: "DELETE", ...authorized(bin.ownerToken) });
    assert.equal(all.status, 204);
    const info = (await (await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken))).json()) as BinInfo;
    assert.equal(info.requestCount, 0);

    const whole = await fetch(`${server.url}/api/bins/${bin.id}`, { method: "DELETE", ...authorized(bin.ownerToken) });
    assert.equal(whole.status, 204);
    const capture = await fetch(bin.captureUrl, { method: "POST", body: "late" });
    assert.equal(capture.status, 404);
    const read = await fetch(`${server.url}/api/bins/${bin.id}`, authorized(bin.ownerToken));
    assert.equal(read.status, 404);
  });
});
