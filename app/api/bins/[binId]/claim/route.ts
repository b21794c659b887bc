import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { authorizeOwner } from "@/lib/server/services/access";
import { claimBin, describeBin } from "@/lib/server/services/bins";
import { auditBin } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

/** Owner token (Authorization) plus a session: the bin then follows the signed-in account, or `{ team }`, to any browser. */
export const POST = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const signedIn = await requireSignedIn(request);
  const access = await authorizeOwner(request, binId);
  const bin = await claimBin(access.bin, signedIn.user.id, await readJsonBody(request));
  await auditBin({ ...access, caller: { kind: "user", signedIn } }, "bin.claimed", {
    team: bin.ownerTeamId,
    account: bin.ownerUserId ? (signedIn.user.email ?? signedIn.user.id) : null,
  });
  return json(await describeBin({ bin, role: "owner" }, requestOrigin(request)), 200, { "Cache-Control": "no-store" });
});
