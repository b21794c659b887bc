import { json, readJsonBody, route } from "@/lib/server/http";
import { authorizeOperator } from "@/lib/server/services/access";
import { recordReports } from "@/lib/server/services/forwarders";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; name: string }> };

// A batch may carry local answers (up to 1 MiB each, as base64) for senders held by --respond.
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** Owners and operators: `hookscope forward` reports a batch of deliveries and how far it has got. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId, name } = await params;
  await authorizeOperator(request, binId);
  return json(await recordReports(binId, name, await readJsonBody(request, MAX_BATCH_BYTES)), 200);
});
