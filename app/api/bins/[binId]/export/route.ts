import { z } from "zod";
import { RequestFilterSchema } from "@/lib/server/requests/filter";
import { parseSearchParams, requestOrigin, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { exportRequests } from "@/lib/server/services/exchange";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const ExportQuerySchema = z.intersection(
  RequestFilterSchema,
  z.object({
    format: z.enum(["har", "json", "fixtures"]).default("json"),
    ids: z.string().optional(),
  }),
);

/** The bin's requests (or `ids`, or those matching the search filter) as a HAR 1.2 or Hookscope JSON download, or a fixture set for `hookscope replay` (never a secret). */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { format, ids, ...filter } = parseSearchParams(ExportQuerySchema, new URL(request.url).searchParams);
  const { bin } = await authorizeBin(request, binId);
  const { filename, document } = await exportRequests(bin, requestOrigin(request), format, ids?.split(",").filter(Boolean), filter);
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
