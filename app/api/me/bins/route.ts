import { json, requestOrigin, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { listAccountBins } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

/** The signed-in account's bins, for any browser signed in to it. */
export const GET = route(async (request: Request) => {
  const signedIn = await requireSignedIn(request);
  return json(await listAccountBins(signedIn.user.id, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});
