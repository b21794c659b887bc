import { z } from "zod";
import { json, parseSearchParams, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { binShapeChanges } from "@/lib/server/services/shapes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const ChangesQuerySchema = z.object({ eventType: z.string().min(1).max(120).optional() });

/** Where each event type's shape changed: the first request with each change, newest first. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const query = parseSearchParams(ChangesQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  return json(await binShapeChanges(binId, query.eventType), 200, { "Cache-Control": "no-store" });
});
