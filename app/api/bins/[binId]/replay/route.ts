import { z } from "zod";
import { json, readJsonBody, route } from "@/lib/server/http";
import { parseInput } from "@/lib/server/validation";
import { TargetUrl } from "@/lib/shared/settings/settings";
import { authorizeOperator } from "@/lib/server/services/access";
import { rememberReplayTarget } from "@/lib/server/services/bins";
import { replayRequest } from "@/lib/server/services/deliveries";
import { ResignChoiceSchema } from "@/lib/server/services/resign";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const ReplayManySchema = z
  .object({
    targetUrl: TargetUrl,
    requestIds: z
      .array(z.string().regex(/^[0-9a-z]{22}$/, "requestIds holds request ids"))
      .min(1, "choose at least one request")
      .max(100, "at most 100 requests at once"),
    /** Each request signed again with this bin secret, as in the single replay. */
    resign: ResignChoiceSchema.optional(),
  })
  .strict();

/** Owners and operators: replays the chosen requests one after another, oldest first, each to the target plus its own subpath. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeOperator(request, binId);
  const { targetUrl, requestIds, resign } = parseInput(ReplayManySchema, await readJsonBody(request));
  const results = [];
  for (const requestId of [...requestIds].sort()) results.push(await replayRequest(access, requestId, { targetUrl, ...(resign ? { resign } : {}) }));
  await rememberReplayTarget(access.bin, targetUrl);
  return json({ deliveries: results }, 200, { "Cache-Control": "no-store" });
});
