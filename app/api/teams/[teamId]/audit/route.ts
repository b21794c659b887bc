import { json, route } from "@/lib/server/http";
import { requireAccount } from "@/lib/server/auth/caller";
import { readTeamAudit } from "@/lib/server/services/teams";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };

/** Team owners: invitations, joins, role changes and removals, and who made them. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { teamId } = await params;
  const user = await requireAccount(request);
  return json(await readTeamAudit(user.id, teamId), 200, { "Cache-Control": "no-store" });
});
