import { json, readJsonBody, route } from "@/lib/server/http";
import { parseInput } from "@/lib/server/validation";
import { authorizeOperator } from "@/lib/server/services/access";
import { rememberReplayTarget } from "@/lib/server/services/bins";
import { ReplaySchema, replayRequest } from "@/lib/server/services/deliveries";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** Owners and operators: re-sends the request (optionally edited) to a target now; the outcome, even a network error, is kept and returned. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  const access = await authorizeOperator(request, binId);
  const replay = parseInput(ReplaySchema, await readJsonBody(request));
  const delivery = await replayRequest(access, requestId, replay);
  await rememberReplayTarget(access.bin, replay.targetUrl);
  return json(delivery, 200, { "Cache-Control": "no-store" });
});
