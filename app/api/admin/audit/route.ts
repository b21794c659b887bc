import { json, route } from "@/lib/server/http";
import { requireAdmin } from "@/lib/server/auth/caller";
import { readAudit } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

/** Admins: changes to the instance's own policies, newest first. */
export const GET = route(async (request: Request) => {
  await requireAdmin(request);
  return json(await readAudit("instance"), 200, { "Cache-Control": "no-store" });
});
