import { noContent, route } from "@/lib/server/http";
import { authorizeOwner } from "@/lib/server/services/access";
import { removeSecret } from "@/lib/server/services/verification";
import { auditBin } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; secretId: string }> };

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId, secretId } = await params;
  const access = await authorizeOwner(request, binId);
  await removeSecret(access.bin, secretId);
  await auditBin(access, "secret.removed", { secretId });
  return noContent();
});
