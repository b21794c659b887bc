import { json, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { binShapes } from "@/lib/server/services/shapes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** The bin's event types with the shapes learnt from them. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  await authorizeBin(request, binId);
  return json(await binShapes(binId), 200, { "Cache-Control": "no-store" });
});
