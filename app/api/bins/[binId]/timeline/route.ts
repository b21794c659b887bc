import { z } from "zod";
import { json, parseSearchParams, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { binTimeline } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const TimelineQuerySchema = z.object({
  buckets: z.coerce.number().int().min(1).max(500).default(60),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** Requests per time bucket, for the inspector's rate chart. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(TimelineQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  return json(await binTimeline(binId, query), 200, { "Cache-Control": "no-store" });
});
