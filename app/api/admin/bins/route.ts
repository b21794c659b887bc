import { json, requestOrigin, route } from "@/lib/server/http";
import { requireAdmin } from "@/lib/server/auth/caller";
import { listAllBinsForAdmin } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

/** Admins: every bin and whom it belongs to. An admin opens and deletes any bin through the usual routes. */
export const GET = route(async (request: Request) => {
  await requireAdmin(request);
  return json(await listAllBinsForAdmin(requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});
