import { json, noContent, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { authorizeBin, authorizeOwner } from "@/lib/server/services/access";
import { changedParts, describeBin, removeBin, updateBinSettings } from "@/lib/server/services/bins";
import { auditBin } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeBin(request, binId);
  return json(await describeBin(access, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});

/** Owner only: `{ expiresAt?, maxRequests?, settings? }`; settings apply to the next capture. */
export const PATCH = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeOwner(request, binId);
  const patch = await readJsonBody(request);
  const bin = await updateBinSettings(access, patch);
  await auditBin(access, "settings.changed", { changed: changedParts(patch) });
  return json(await describeBin({ bin, role: "owner" }, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  await authorizeOwner(request, binId);
  await removeBin(binId);
  return noContent();
});
