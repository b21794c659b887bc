import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { createInvite } from "@/lib/server/services/teams";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };

/** Team owners: `{ role, expiresInHours? }` gives a single-use invitation link. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { teamId } = await params;
  const { user } = await requireSignedIn(request);
  return json(await createInvite(user, teamId, await readJsonBody(request), requestOrigin(request)), 201, { "Cache-Control": "no-store" });
});
