import { json, requestOrigin, route } from "@/lib/server/http";
import { requireAccount } from "@/lib/server/auth/caller";
import { listAccountBins } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

/** The account's bins, for any browser signed in to it or a script with one of its API keys. */
export const GET = route(async (request: Request) => {
  const user = await requireAccount(request);
  return json(await listAccountBins(user.id, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});
