import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { createNewBin } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

/** Anyone may create a bin (optionally named); the answer carries the only copy of its owner token. */
export const POST = route(async (request: Request) => {
  const created = await createNewBin(requestOrigin(request), await readJsonBody(request));
  return json(created, 201, { "Cache-Control": "no-store" });
});
