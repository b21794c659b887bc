import { json, noContent, readJsonBody, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { changeMember, describeTeam, MemberChangeSchema } from "@/lib/server/services/teams";
import { parseInput } from "@/lib/server/validation";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ teamId: string; userId: string }> };

/** Team owners change a member's role; a team keeps at least one owner. */
export const PATCH = route(async (request: Request, { params }: Context) => {
  const { teamId, userId } = await params;
  const { user } = await requireSignedIn(request);
  const { role } = parseInput(MemberChangeSchema, await readJsonBody(request));
  await changeMember(user, teamId, userId, role);
  return json(await describeTeam(user.id, teamId), 200, { "Cache-Control": "no-store" });
});

/** Team owners remove a member; anyone may leave. */
export const DELETE = route(async (request: Request, { params }: Context) => {
  const { teamId, userId } = await params;
  const { user } = await requireSignedIn(request);
  await changeMember(user, teamId, userId, null);
  return noContent();
});
