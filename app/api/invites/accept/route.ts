import { json, readJsonBody, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { joinTeam } from "@/lib/server/services/teams";

export const dynamic = "force-dynamic";

/** `{ token }` from an invitation link: the signed-in user joins the team with the invite's role. */
export const POST = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  return json(await joinTeam(user, await readJsonBody(request)), 200, { "Cache-Control": "no-store" });
});
