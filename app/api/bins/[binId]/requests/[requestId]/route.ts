import { json, noContent, route } from "@/lib/server/http";
import { authorizeBin, authorizeOperator } from "@/lib/server/services/access";
import { getRequestDetail, removeRequest } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeBin(request, binId);
  return json(await getRequestDetail(binId, requestId), 200, { "Cache-Control": "no-store" });
});

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeOperator(request, binId);
  await removeRequest(binId, requestId);
  return noContent();
});
