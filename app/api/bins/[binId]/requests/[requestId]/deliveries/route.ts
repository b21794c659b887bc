import { json, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { listDeliveryDetails } from "@/lib/server/services/deliveries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** Owners and operators: every replay, forward and CLI delivery of this request, newest first, with their attempts. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeOperator(request, binId);
  return json({ deliveries: await listDeliveryDetails(binId, { requestId }) }, 200, { "Cache-Control": "no-store" });
});
