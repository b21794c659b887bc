import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApiDocument } from "@/lib/server/openapi";
import { ROOT_DIR } from "../helpers/db";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every (path, method) that app/api actually serves, read from the route files. */
async function servedOperations(): Promise<string[]> {
  const apiDir = path.join(ROOT_DIR, "app", "api");
  const files = readdirSync(apiDir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith("route.ts"));
  const operations: string[] = [];
  for (const file of files) {
    const routePath = `/api/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}");
    const handlers = (await import(path.join(apiDir, file))) as Record<string, unknown>;
    for (const method of METHODS) if (typeof handlers[method] === "function") operations.push(`${method} ${routePath}`);
  }
  return operations.sort();
}

test("the OpenAPI document describes exactly the routes app/api serves, plus what the custom server serves", async () => {
  const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
  assert.equal(document.openapi, "3.1.0");
  const documented = Object.entries(document.paths)
    .flatMap(([routePath, item]) =>
      Object.entries(item)
        .filter(([key]) => key !== "parameters")
        // Capture and the forward stream are handled by the custom server, before Next: no route file.
        .filter(([, operation]) => !routePath.startsWith("/h/") && (operation as Record<string, unknown>)["x-served-by"] !== "server")
        .map(([method]) => `${method.toUpperCase()} ${routePath}`),
    )
    .sort();
  assert.deepEqual(documented, await servedOperations());
  assert.ok(document.paths["/h/{binId}"], "capture is documented");
  assert.ok(document.paths["/api/bins/{binId}/forwarders/{name}/stream"]?.get, "the forward stream is documented");
});

test("every path parameter in a documented path is declared", () => {
  const document = openApiDocument() as { paths: Record<string, { parameters?: { name: string; in: string }[] }> };
  for (const [routePath, item] of Object.entries(document.paths)) {
    const names = [...routePath.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    const declared = (item.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
    assert.deepEqual(declared.sort(), names.sort(), routePath);
  }
});
