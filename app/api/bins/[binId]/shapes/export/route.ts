import { z } from "zod";
import { json, parseSearchParams, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { exportBinShape } from "@/lib/server/services/shapes";
import { EXPORT_FORMATS } from "@/lib/shared/shapes/export";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

// A query parameter, not a path segment: Shopify's types hold a slash ("orders/create").
const ExportQuerySchema = z.object({ eventType: z.string().min(1).max(120), format: z.enum(EXPORT_FORMATS) });

/** One event type's learnt shape as JSON Schema 2020-12, a TypeScript type or a zod schema. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(ExportQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  return json(await exportBinShape(binId, query.eventType, query.format), 200, { "Cache-Control": "no-store" });
});
