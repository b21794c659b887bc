import { json, readJsonBody, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { createApiKey, listUserApiKeys } from "@/lib/server/auth/api-keys";

export const dynamic = "force-dynamic";

/** The account's API keys, without their secrets. Keys are managed signed in, never with a key. */
export const GET = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  return json(await listUserApiKeys(user.id), 200, { "Cache-Control": "no-store" });
});

/** `{ name, scope: "read" | "write" }`: the answer holds the key, shown this once. */
export const POST = route(async (request: Request) => {
  const { user } = await requireSignedIn(request);
  return json(await createApiKey(user.id, await readJsonBody(request)), 201, { "Cache-Control": "no-store" });
});
