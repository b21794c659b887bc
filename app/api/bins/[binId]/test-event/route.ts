import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { parseInput } from "@/lib/server/validation";
import { authorizeOperator } from "@/lib/server/services/access";
import { sendTestEvent, TestEventSchema } from "@/lib/server/services/test-events";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owners and operators: a signed test event for one of the bin's secrets, captured in the bin and optionally replayed to a target. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeOperator(request, binId);
  const input = parseInput(TestEventSchema, await readJsonBody(request));
  return json(await sendTestEvent(access, requestOrigin(request), input), 200, { "Cache-Control": "no-store" });
});
