import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { creatorOf } from "@/lib/server/auth/creator";
import { importExport } from "@/lib/server/services/exchange";

export const dynamic = "force-dynamic";

const MAX_IMPORT_BYTES = 150 * 1024 * 1024;

/** Anyone may create a bin from a HAR or Hookscope JSON export; the answer carries its owner token. */
export const POST = route(async (request: Request) => {
  const ownerUserId = await creatorOf(request);
  const created = await importExport(requestOrigin(request), await readJsonBody(request, MAX_IMPORT_BYTES), ownerUserId);
  return json(created, 201, { "Cache-Control": "no-store" });
});
