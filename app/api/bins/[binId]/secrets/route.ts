import { json, readJsonBody, route } from "@/lib/server/http";
import { authorizeOperator, authorizeOwner } from "@/lib/server/services/access";
import { addSecret, listSecrets } from "@/lib/server/services/verification";
import { auditBin } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owners and operators (to choose one for re-signing): the bin's secrets, masked. The values never leave the server again. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { bin } = await authorizeOperator(request, binId);
  return json({ secrets: listSecrets(bin) }, 200, { "Cache-Control": "no-store" });
});

/** Owner only: `{ scheme, secret, toleranceSeconds?, options? }`; stored requests are re-checked. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeOwner(request, binId);
  const added = await addSecret(access.bin, await readJsonBody(request));
  await auditBin(access, "secret.added", { secretId: added.id, scheme: added.scheme });
  return json(added, 201, { "Cache-Control": "no-store" });
});
