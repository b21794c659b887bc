import { json, route } from "@/lib/server/http";
import { authorizeOwner } from "@/lib/server/services/access";
import { readAudit } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owners: who changed the bin's settings, secrets, share link, owner schemas or ownership, and when. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  await authorizeOwner(request, binId);
  return json(await readAudit({ binId }), 200, { "Cache-Control": "no-store" });
});
