import { json, readJsonBody, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { createApiKey, listUserApiKeys } from "@/lib/server/auth/api-keys";
import { auditAccount } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

/** The account's API keys, without their secrets. Keys are managed signed in, never with a key. */
export const GET = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  return json(await listUserApiKeys(user.id), 200, { "Cache-Control": "no-store" });
});

/** `{ name, scope: "read" | "write" }`: the answer holds the key, shown this once. */
export const POST = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  const created = await createApiKey(user.id, await readJsonBody(request));
  await auditAccount(user, "key.created", { key: created.name, id: created.id, scope: created.scope });
  return json(created, 201, { "Cache-Control": "no-store" });
});
