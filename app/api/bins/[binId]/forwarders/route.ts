import { json, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { listForwarderInfo } from "@/lib/server/services/forwarders";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owners and operators: the bin's named `hookscope forward` consumers, where each stands and whether it is connected. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { bin } = await authorizeOperator(request, binId);
  return json(
    {
      forwarders: await listForwarderInfo(binId, bin.responderUntil),
      undeliveredDropped: { count: bin.undeliveredDropped, at: bin.undeliveredDroppedAt?.toISOString() ?? null },
    },
    200,
    { "Cache-Control": "no-store" },
  );
});
