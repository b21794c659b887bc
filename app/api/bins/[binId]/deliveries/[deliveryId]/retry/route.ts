import { json, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { retryDeadDelivery } from "@/lib/server/services/deliveries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; deliveryId: string }> };

/** Owners and operators: sends a delivery that gave up again, with a fresh allowance of attempts. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId, deliveryId } = await params;
  await authorizeOperator(request, binId);
  return json(await retryDeadDelivery(binId, deliveryId), 202, { "Cache-Control": "no-store" });
});
