import { z } from "zod";
import { bearerToken, json, noContent, parseSearchParams, route } from "@/lib/server/http";
import { authorizeBin, authorizeOwner } from "@/lib/server/services/access";
import { MAX_PAGE_SIZE, clearRequests, listRequestPage } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    before: z.string().optional(),
    after: z.string().optional(),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, "method is a word such as POST")
      .optional(),
    path: z.string().max(2048).optional(),
    header: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "header is a header name")
      .optional(),
    headerValue: z.string().max(8192).optional(),
    q: z.string().min(1).max(1000).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .refine((query) => query.headerValue === undefined || query.header !== undefined, "headerValue needs header");

export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(PageQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(binId, bearerToken(request));
  return json(await listRequestPage(binId, query), 200, { "Cache-Control": "no-store" });
});

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  await authorizeOwner(binId, bearerToken(request));
  await clearRequests(binId);
  return noContent();
});
