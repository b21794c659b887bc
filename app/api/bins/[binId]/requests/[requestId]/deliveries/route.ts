import { bearerToken, json, readJsonBody, route } from "@/lib/http";
import { authorizeOwner } from "@/lib/services/access";
import { listDeliveryDetails, recordCliDelivery } from "@/lib/services/deliveries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** Owner only: every replay, forward and CLI delivery of this request, newest first, with their attempts. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeOwner(binId, bearerToken(request));
  return json({ deliveries: await listDeliveryDetails(binId, { requestId }) }, 200, { "Cache-Control": "no-store" });
});

/** Owner only: `hookscope forward` reports what the local target answered, so the inspector shows it. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeOwner(binId, bearerToken(request));
  return json(await recordCliDelivery(binId, requestId, await readJsonBody(request)), 201);
});
