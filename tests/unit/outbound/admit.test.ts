import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { admitTarget } from "@/lib/server/outbound/admit";
import { pinnedLookup, systemResolver, type ResolvedAddress } from "@/lib/server/outbound/resolve";

const answers = (addresses: ResolvedAddress[]) => async (): Promise<ResolvedAddress[]> => addresses;

describe("admitTarget", () => {
  test("keeps only the allowed addresses of a name, so the socket never sees the others", async () => {
    const admission = await admitTarget(
      new URL("http://mixed.test:8080/"),
      { allowPrivate: false, allowList: ["127.0.0.1:8080"] },
      answers([
        { address: "10.1.2.3", family: 4 },
        { address: "127.0.0.1", family: 4 },
        { address: "fd00::1", family: 6 },
      ]),
    );
    assert.deepEqual(admission, { ok: true, hostname: "mixed.test", port: 8080, addresses: [{ address: "127.0.0.1", family: 4 }] });
  });

  test("refuses with the first refusal when no address is allowed", async () => {
    const admission = await admitTarget(
      new URL("https://internal.test/"),
      { allowPrivate: false, allowList: [] },
      answers([
        { address: "10.1.2.3", family: 4 },
        { address: "::1", family: 6 },
      ]),
    );
    assert.ok(!admission.ok);
    assert.equal(admission.error.code, "blocked_target");
    assert.match(admission.error.message, /^Refused: internal\.test resolves to 10\.1\.2\.3, a private address/);
  });

  test("an IP literal is checked as it is, without resolving", async () => {
    const admission = await admitTarget(new URL("http://[2606:4700::1111]/"), { allowPrivate: false, allowList: [] }, () => {
      throw new Error("must not resolve");
    });
    assert.deepEqual(admission, { ok: true, hostname: "2606:4700::1111", port: 80, addresses: [{ address: "2606:4700::1111", family: 6 }] });
  });

  test("an answer that is not an address is refused", async () => {
    const admission = await admitTarget(new URL("http://odd.test/"), { allowPrivate: true, allowList: [] }, answers([{ address: "0177.0.0.1", family: 4 }]));
    assert.ok(!admission.ok);
    assert.equal(admission.error.code, "blocked_target");
  });
});

describe("systemResolver", () => {
  test("answers .invalid with ENOTFOUND at once and localhost with loopback, without DNS", async () => {
    await assert.rejects(systemResolver("nonexistent.invalid"), { code: "ENOTFOUND" });
    await assert.rejects(systemResolver("INVALID."), { code: "ENOTFOUND" });
    assert.deepEqual(
      (await systemResolver("app.localhost")).map(({ address }) => address),
      ["127.0.0.1", "::1"],
    );
  });
});

describe("pinnedLookup", () => {
  const lookup = pinnedLookup([
    { address: "127.0.0.1", family: 4 },
    { address: "::1", family: 6 },
  ]);
  const call = (options: Parameters<typeof lookup>[1]) => new Promise<unknown[]>((resolve) => lookup("anything.test", options, (...args) => resolve(args)));

  test("answers only with the pinned addresses, in either callback shape", async () => {
    assert.deepEqual(await call({ all: true }), [
      null,
      [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ],
    ]);
    assert.deepEqual(await call({}), [null, "127.0.0.1", 4]);
    assert.deepEqual(await call({ family: 6 }), [null, "::1", 6]);
    assert.deepEqual(await call({ family: "IPv6", all: true }), [null, [{ address: "::1", family: 6 }]]);
  });

  test("fails when the family asked for was not pinned", async () => {
    const [error] = await new Promise<unknown[]>((resolve) =>
      pinnedLookup([{ address: "127.0.0.1", family: 4 }])("x.test", { family: 6 }, (...args) => resolve(args)),
    );
    assert.equal((error as { code?: string }).code, "ENOTFOUND");
  });
});
