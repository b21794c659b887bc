import { json, requestOrigin, route } from "@/lib/server/http";
import { authorizeOwner } from "@/lib/server/services/access";
import { auditBin } from "@/lib/server/services/audit";
import { describeBin, rotateShareToken } from "@/lib/server/services/bins";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owner only: issues a new share link and revokes the old one. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const access = await authorizeOwner(request, binId);
  const bin = await rotateShareToken(access.bin);
  await auditBin(access, "share.rotated");
  return json(await describeBin({ bin, role: "owner" }, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});
