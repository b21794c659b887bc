import { expect, test } from "./fixtures";

test("the API docs page lists every route from the OpenAPI document", async ({ page, request }) => {
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hookscope API");
  await expect(page.getByRole("heading", { name: "/api/bins", exact: true })).toBeVisible();
  const create = page.getByRole("article", { name: "POST /api/bins", exact: true });
  await expect(create).toContainText("Create a bin");
  await expect(create).toContainText("201");

  const replay = page.getByRole("article", { name: "POST /api/bins/{binId}/requests/{requestId}/replay" });
  await expect(replay.getByRole("table")).toContainText("requestId");
  await expect(replay).toContainText('"targetUrl"');

  const doc = (await (await request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-any-method"?: boolean }>> };
  // Capture is listed under every method and shown once, as ANY.
  const operations = Object.values(doc.paths).reduce((n, item) => {
    const methods = Object.entries(item).filter(([key]) => key !== "parameters");
    return n + methods.filter(([, op]) => !op["x-any-method"]).length + (methods.some(([, op]) => op["x-any-method"]) ? 1 : 0);
  }, 0);
  await expect(page.getByRole("article")).toHaveCount(operations);
});
