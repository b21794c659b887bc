import { json, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { binSettings } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owners and operators: the bin's response settings, rules and CORS. Change them with PATCH /api/bins/<binId>. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { bin } = await authorizeOperator(request, binId);
  return json(binSettings(bin), 200, { "Cache-Control": "no-store" });
});
