import { json, readJsonBody, route } from "@/lib/server/http";
import { requireAdmin } from "@/lib/server/auth/caller";
import { readInstancePolicy, updateInstancePolicy } from "@/lib/server/services/instance-policy";

export const dynamic = "force-dynamic";

/** Admins: the instance's policies and what the operator opened beneath them. */
export const GET = route(async (request: Request) => {
  await requireAdmin(request);
  return json(await readInstancePolicy(), 200, { "Cache-Control": "no-store" });
});

/** Admins: which roles' replays and auto-forwards may reach private addresses. */
export const PUT = route(async (request: Request) => {
  const admin = await requireAdmin(request, "write");
  return json(await updateInstancePolicy(admin, await readJsonBody(request)), 200, { "Cache-Control": "no-store" });
});
