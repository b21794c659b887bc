import { noContent, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { removeForwarder } from "@/lib/server/services/forwarders";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; name: string }> };

/** Owners and operators: forget a forwarder (retention stops keeping captures for it; a connected CLI is let go). */
export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId, name } = await params;
  await authorizeOperator(request, binId);
  await removeForwarder(binId, name);
  return noContent();
});
