import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { creatorOf } from "@/lib/server/auth/creator";
import { createNewBin } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

/** Anyone may create a bin (optionally named); the answer carries the only copy of its owner token. Signed in, the bin also follows the account. */
export const POST = route(async (request: Request) => {
  const ownerUserId = await creatorOf(request);
  const created = await createNewBin(requestOrigin(request), await readJsonBody(request), ownerUserId);
  return json(created, 201, { "Cache-Control": "no-store" });
});
