import { json, route } from "@/lib/server/http";
import { requireAccount } from "@/lib/server/auth/caller";
import { readAudit } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

/** The account's own log: its API keys created and revoked, by whom and when. */
export const GET = route(async (request: Request) => {
  const user = await requireAccount(request);
  return json(await readAudit({ userId: user.id }), 200, { "Cache-Control": "no-store" });
});
