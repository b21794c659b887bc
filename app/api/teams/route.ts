import { json, readJsonBody, route } from "@/lib/server/http";
import { requireAccount, requireSignedIn } from "@/lib/server/auth/caller";
import { createTeam, listMyTeams } from "@/lib/server/services/teams";

export const dynamic = "force-dynamic";

/** The teams the account belongs to, with its role in each. */
export const GET = route(async (request: Request) => {
  const user = await requireAccount(request);
  return json(await listMyTeams(user.id), 200, { "Cache-Control": "no-store" });
});

/** `{ name }`: a new team with the signed-in creator as its owner. */
export const POST = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  return json(await createTeam(user.id, await readJsonBody(request)), 201, { "Cache-Control": "no-store" });
});
