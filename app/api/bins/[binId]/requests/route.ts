import { z } from "zod";
import { json, noContent, parseSearchParams, route } from "@/lib/server/http";
import { headerValueNeedsHeader, RequestMatchFields } from "@/lib/server/requests/filter";
import { authorizeBin, authorizeOperator } from "@/lib/server/services/access";
import { MAX_PAGE_SIZE, clearRequests, listRequestPage } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const PageQuerySchema = RequestMatchFields.extend({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  before: z.string().optional(),
  after: z.string().optional(),
  q: z.string().min(1).max(1000).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  eventType: z.string().min(1).max(120).optional(),
  schemaResult: z.enum(["pass", "fail", "not_checked"]).optional(),
}).refine(headerValueNeedsHeader, "headerValue needs header");

export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(PageQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  return json(await listRequestPage(binId, query), 200, { "Cache-Control": "no-store" });
});

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  await authorizeOperator(request, binId);
  await clearRequests(binId);
  return noContent();
});
