import { json, route } from "@/lib/server/http";
import { requireAccount } from "@/lib/server/auth/caller";
import { describeTeam } from "@/lib/server/services/teams";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string }> };

/** The team and its members, for its members. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { teamId } = await params;
  const user = await requireAccount(request);
  return json(await describeTeam(user.id, teamId), 200, { "Cache-Control": "no-store" });
});
