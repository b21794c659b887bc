import { json, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { revokeUserApiKey } from "@/lib/server/auth/api-keys";
import { auditAccount } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ keyId: string }> };

/** Revokes the key at once: its next request gets 401. It stays listed, as revoked. */
export const DELETE = route(async (request: Request, { params }: Context) => {
  const { keyId } = await params;
  const { user } = await requireSignedIn(request);
  const revoked = await revokeUserApiKey(user.id, keyId);
  await auditAccount(user, "key.revoked", { key: revoked.name, id: revoked.id, scope: revoked.scope });
  return json(revoked, 200, { "Cache-Control": "no-store" });
});
