import { z } from "zod";
import { json, parseSearchParams, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { listDeliveryDetails } from "@/lib/server/services/deliveries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const QuerySchema = z.object({ status: z.enum(["dead", "all"]).default("all") });

/** Owners and operators: the bin's deliveries, newest first; `status=dead` is the dead-letter list. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { status } = parseSearchParams(QuerySchema, new URL(request.url).searchParams);
  await authorizeOperator(request, binId);
  return json({ deliveries: await listDeliveryDetails(binId, { deadOnly: status === "dead" }) }, 200, { "Cache-Control": "no-store" });
});
