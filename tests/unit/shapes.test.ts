// The learnt shapes and their exports, checked against the samples they were learnt from with the
// standard tools: Ajv (JSON Schema 2020-12 with formats), tsc, and zod itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ZodType } from "zod";
import { ROOT_DIR } from "../helpers/db";
import { ALL_SAMPLES, STRIPE_SAMPLES, SHOPIFY_SAMPLES, type WebhookSample } from "../helpers/webhook-samples";
import {
  MAX_PROPERTIES,
  MAX_SAMPLE_VALUES,
  changeText,
  emptyShape,
  learnSample,
  stringFormat,
  type ShapeChange,
  type ShapeNode,
} from "@/lib/shared/shapes/shape";
import { toJsonSchema, toTypeScript, toZod, typeName } from "@/lib/shared/shapes/export";
import { FIRST_SAMPLE_NOTE, learnShapes } from "@/lib/server/shapes/learn";
import { arrivedRecord } from "@/lib/server/queries/requests";

function learnInto(shape: ShapeNode, body: string): ShapeChange[] {
  const changes = learnSample(shape, JSON.parse(body), body);
  assert.ok(typeof changes !== "string", String(changes));
  return changes;
}

function shapeOf(...bodies: string[]): ShapeNode {
  const shape = emptyShape();
  for (const body of bodies) learnInto(shape, body);
  return shape;
}

/** What `body` would be flagged with against `shape`, leaving `shape` as it was. */
function changesAgainst(shape: ShapeNode, body: string): ShapeChange[] {
  return learnInto(structuredClone(shape), body);
}

function learn(samples: readonly WebhookSample[]): Map<string, { shape: ShapeNode; samples: WebhookSample[] }> {
  const byType = new Map<string, { shape: ShapeNode; samples: WebhookSample[] }>();
  for (const sample of samples) {
    const known = byType.get(sample.eventType) ?? { shape: emptyShape(), samples: [] };
    learnInto(known.shape, sample.body);
    known.samples.push(sample);
    byType.set(sample.eventType, known);
  }
  return byType;
}

const learnt = learn(ALL_SAMPLES);
// Generated files go where `zod` and `typescript` resolve from, and are removed afterwards.
const OUT_DIR = path.join(ROOT_DIR, "node_modules", ".cache", `hookscope-shapes-${process.pid}`);

test("the inferred JSON Schema (2020-12, formats checked) accepts every sample it was learnt from", () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  assert.ok(learnt.size >= 8, "several event types of each provider");
  for (const [eventType, { shape, samples }] of learnt) {
    const schema = toJsonSchema(shape, eventType);
    const validate = ajv.compile(schema);
    for (const sample of samples) assert.ok(validate(JSON.parse(sample.body)), `${sample.name}: ${ajv.errorsText(validate.errors)}`);
  }
  // It says what it learnt: formats, required vs optional with the share, big integers.
  const order = toJsonSchema(learnt.get("orders/create")!.shape, "orders/create") as {
    properties: Record<string, { type: unknown; format?: string; description?: string }>;
    required: string[];
  };
  assert.equal(order.properties.created_at!.format, "date-time");
  assert.equal(order.properties.email!.format, "email");
  assert.equal(order.properties.order_status_url!.format, "uri");
  assert.match(order.properties.id!.description ?? "", /beyond 2\^53/);
  assert.deepEqual(order.properties.note!.type, ["null", "string"]);
  const pr = toJsonSchema(learnt.get("pull_request.opened")!.shape, "pull_request.opened") as { required: string[] };
  assert.ok(pr.required.includes("pull_request"));
  const draft = toJsonSchema(learnt.get("pull_request.opened")!.shape, "x") as { properties: { pull_request: { properties: { labels: { items: unknown } } } } };
  assert.ok(draft.properties.pull_request.properties.labels.items, "array items have a shape");
  // A value outside what was learnt fails: the schema is not just `{}`.
  const validate = ajv.compile(toJsonSchema(learnt.get("charge.succeeded")!.shape, "charge.succeeded"));
  const altered = JSON.parse(STRIPE_SAMPLES[0]!.body) as { data: { object: { amount: unknown } } };
  altered.data.object.amount = "4900";
  assert.equal(validate(altered), false);
});

test("the generated TypeScript compiles, with every sample typed as its event type", { timeout: 60_000 }, () => {
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    const lines: string[] = [];
    for (const [eventType, { shape, samples }] of learnt) {
      lines.push(toTypeScript(shape, eventType));
      samples.forEach((sample, i) => lines.push(`export const sample${typeName(eventType)}${i}: ${typeName(eventType)} = ${sample.body};`));
    }
    // One that must not compile, in its own file: proves tsc is really checking.
    writeFileSync(path.join(OUT_DIR, "types.ts"), lines.join("\n"));
    writeFileSync(
      path.join(OUT_DIR, "wrong.ts"),
      `${toTypeScript(learnt.get("charge.succeeded")!.shape, "charge.succeeded")}\nexport const wrong: ChargeSucceeded = { ...(${STRIPE_SAMPLES[0]!.body}), livemode: "no" };\n`,
    );
    const tsc = path.join(ROOT_DIR, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--target", "es2022", "--skipLibCheck"];
    execFileSync(process.execPath, [tsc, ...flags, path.join(OUT_DIR, "types.ts")], { encoding: "utf8" });
    assert.throws(
      () => execFileSync(process.execPath, [tsc, ...flags, path.join(OUT_DIR, "wrong.ts")], { encoding: "utf8", stdio: "pipe" }),
      (error: { stdout?: string }) => /wrong\.ts\(\d+,\d+\): error TS2322/.test(error.stdout ?? ""),
    );
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true });
  }
});

test("the generated zod schema parses every sample and refuses a changed type", { timeout: 60_000 }, async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    for (const [eventType, { shape, samples }] of learnt) {
      const file = path.join(OUT_DIR, `${typeName(eventType)}.ts`);
      writeFileSync(file, toZod(shape, eventType));
      const schema = ((await import(pathToFileURL(file).href)) as Record<string, ZodType>)[typeName(eventType)]!;
      for (const sample of samples) {
        const parsed = schema.safeParse(JSON.parse(sample.body));
        assert.ok(parsed.success, `${sample.name}: ${parsed.error?.message}`);
      }
      if (eventType === "charge.succeeded") {
        const altered = JSON.parse(samples[0]!.body) as { data: { object: { amount: unknown } } };
        altered.data.object.amount = "4900";
        assert.equal(schema.safeParse(altered).success, false);
      }
    }
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true });
  }
});

test("a changed field is flagged with its path and both forms", () => {
  const charge = learnt.get("charge.succeeded")!.shape;
  const body = JSON.parse(STRIPE_SAMPLES[0]!.body) as { data: { object: Record<string, unknown> } };
  body.data.object.amount = "4900";
  delete body.data.object.currency;
  body.data.object.risk_level = "normal";
  const changes = changesAgainst(charge, JSON.stringify(body));
  assert.deepEqual(changes.map(changeText).sort(), [
    "data.object.amount: integer -> string",
    "data.object.currency: missing (was always string)",
    "data.object.risk_level: new field (string)",
  ]);
  assert.deepEqual(changesAgainst(charge, STRIPE_SAMPLES[1]!.body), [], "a sample it learnt from is no change");
  // The optional receipt_email (null in one sample) is no change either way.
  assert.deepEqual(changesAgainst(charge, STRIPE_SAMPLES[0]!.body), []);
  // The first learnt of a type has nothing to differ from; the second one does.
  const fresh = emptyShape();
  assert.deepEqual(learnInto(fresh, '{"a":1}'), []);
  assert.deepEqual(learnInto(fresh, '{"a":"x","b":[1]}').map(changeText), ["a: integer -> string", "b: new field (array)"]);
});

test("new enum values are flagged once a field has shown it has few values", () => {
  const shape = shapeOf(...["paid", "paid", "pending", "paid", "pending", "paid"].map((status) => `{"status":"${status}"}`));
  assert.deepEqual(changesAgainst(shape, '{"status":"paid"}'), []);
  assert.deepEqual(changesAgainst(shape, '{"status":"refunded"}').map(changeText), ['status: new value "refunded" (was "paid" | "pending")']);
  // Ids are not an enum: every value differs.
  const ids = shapeOf(...Array.from({ length: 7 }, (_, i) => `{"id":"a${i}"}`));
  assert.deepEqual(changesAgainst(ids, '{"id":"zz"}'), []);
  // Items of arrays are compared with the items before, not with each other.
  const lines = shapeOf('{"items":[{"sku":"A","qty":1}]}', '{"items":[{"sku":"B","qty":2},{"sku":"C","qty":1}]}');
  assert.deepEqual(changesAgainst(lines, '{"items":[{"sku":"D","qty":1},{"sku":"E"},{"qty":3.5,"sku":"F"}]}').map(changeText), [
    "items[].qty: missing (was always integer)",
    "items[].qty: integer -> number",
  ]);
});

test("big integers are told from the raw text; formats are strict", () => {
  const order = learnt.get("orders/create")!.shape;
  assert.equal(order.properties!.id!.bigInteger, true);
  assert.equal(order.properties!.line_items!.items!.properties!.id!.bigInteger, true);
  assert.equal(order.properties!.customer!.properties!.id!.bigInteger, undefined, "7390211457231 fits in a double");
  assert.equal(shapeOf('{"n":1e300}').properties!.n!.bigInteger, undefined, "an exponent is not a big integer literal");
  assert.equal(stringFormat("2026-11-30T11:04:52+01:00"), "date-time");
  assert.equal(stringFormat("2026-02-30T11:04:52Z"), null, "no 30 February");
  assert.equal(stringFormat("7c1e4a50-8f0b-11ef-9d5e-2b1f3c4d5e6f"), "uuid");
  assert.equal(stringFormat("https://example.com/a b"), null);
  assert.equal(stringFormat("li@example.com"), "email");
  assert.equal(SHOPIFY_SAMPLES.length, 3);
});

test("cost is bounded: deep nesting, huge samples and wide objects", () => {
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  const shape = shapeOf(deep);
  let depth = 0;
  for (let node: ShapeNode | undefined = shape; node && !node.deep; node = node.items) depth++;
  assert.ok(depth <= 30, `walked ${depth} levels`);
  const many = JSON.stringify(Array.from({ length: MAX_SAMPLE_VALUES + 1 }, (_, i) => i));
  const untouched = shapeOf('{"a":1}');
  assert.match(String(learnSample(untouched, JSON.parse(many), many)), /not learnt/);
  assert.deepEqual(untouched, shapeOf('{"a":1}'), "a refused sample leaves the shape as it was");
  const wide = JSON.stringify(Object.fromEntries(Array.from({ length: MAX_PROPERTIES + 50 }, (_, i) => [`k${i}`, i])));
  const capped = shapeOf(wide);
  assert.equal(Object.keys(capped.properties!).length, MAX_PROPERTIES);
  assert.equal(capped.untrackedKeys, true);
  // An untracked key is allowed by every export.
  assert.match(toTypeScript(capped, "wide"), /\[key: string\]: unknown/);
});

test("learnShapes flags rows in order: the first of a type is noted, later ones compared", () => {
  const row = (id: string, body: string) => ({
    ...arrivedRecord({
      id,
      binId: "b",
      method: "POST",
      path: "",
      query: "",
      headers: [],
      body: new Uint8Array(Buffer.from(body)),
      remoteAddress: "",
      httpVersion: "1.1",
      receivedAt: new Date(Number(id.slice(1)) * 1000),
      plainHttp: false,
    }),
    eventType: "order.paid",
  });
  const rows = [row("r1", '{"total":5,"at":"2026-11-30T10:00:00Z"}'), row("r2", '{"total":7,"at":"2026-11-30T10:01:00Z"}'), row("r3", '{"total":"9"}')];
  const stored = learnShapes(
    rows,
    (record) => ({ kind: "json", value: JSON.parse(Buffer.from(record.body).toString()), text: Buffer.from(record.body).toString() }),
    new Map(),
  );
  assert.equal(rows[0]!.shapeNote, FIRST_SAMPLE_NOTE);
  assert.equal(rows[0]!.shapeDrift, null);
  assert.equal(rows[1]!.shapeDrift, 0);
  assert.equal(rows[2]!.shapeDrift, 2);
  assert.deepEqual(JSON.parse(rows[2]!.shapeChanges!), [
    { path: "total", kind: "type", before: "integer", after: "string" },
    { path: "at", kind: "missing", before: "string (date-time)", after: "absent" },
  ]);
  assert.equal(stored.length, 1);
  const changes = JSON.parse(stored[0]!.changes) as { requestId: string }[];
  assert.deepEqual(
    changes.map((c) => c.requestId),
    ["r3", "r3"],
  );
  assert.equal((JSON.parse(stored[0]!.shape) as ShapeNode).seen, 3);
});
