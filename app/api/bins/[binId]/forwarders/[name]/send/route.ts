import { json, readJsonBody, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { pushToForwarder } from "@/lib/server/services/forwarders";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; name: string }> };

/** Owners and operators: send a captured request through a connected `hookscope forward` to the developer's machine. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId, name } = await params;
  await authorizeOperator(request, binId);
  return json(await pushToForwarder(binId, name, await readJsonBody(request, 16 * 1024 * 1024)), 200);
});
