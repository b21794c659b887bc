import { z } from "zod";
import { json, noContent, parseSearchParams, readTextBody, route } from "@/lib/server/http";
import { authorizeBin, authorizeOwner } from "@/lib/server/services/access";
import { auditBin } from "@/lib/server/services/audit";
import { ownerSchema, removeOwnerSchema, setOwnerSchema } from "@/lib/server/services/shapes";
import { SCHEMA_MAX_BYTES } from "@/lib/server/shapes/schemas";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

// A query parameter, not a path segment: Shopify's types hold a slash ("orders/create").
const SchemaQuerySchema = z.object({ eventType: z.string().min(1).max(120) });

/** The owner's JSON Schema for one event type. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(SchemaQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  return json(await ownerSchema(binId, query.eventType), 200, { "Cache-Control": "no-store" });
});

/** Sets or replaces it: the body is the schema itself (JSON Schema 2020-12 or draft-07). */
export const PUT = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(SchemaQuerySchema, new URL(request.url).searchParams);
  const access = await authorizeOwner(request, binId);
  const text = await readTextBody(request, SCHEMA_MAX_BYTES);
  const stored = await setOwnerSchema(binId, query.eventType, text);
  await auditBin(access, "schema.set", { eventType: query.eventType });
  return json(stored);
});

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(SchemaQuerySchema, new URL(request.url).searchParams);
  const access = await authorizeOwner(request, binId);
  await removeOwnerSchema(binId, query.eventType);
  await auditBin(access, "schema.removed", { eventType: query.eventType });
  return noContent();
});
