import { json, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { verifyStoredRequest } from "@/lib/server/services/verification";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** The request's signature verdict with its reason, checked now against the bin's secrets; viewers get it without the expected signature. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  const { bin, role } = await authorizeBin(request, binId);
  return json(await verifyStoredRequest(bin, requestId, role), 200, { "Cache-Control": "no-store" });
});
