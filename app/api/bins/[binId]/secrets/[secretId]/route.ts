import { bearerToken, noContent, route } from "@/lib/http";
import { authorizeOwner } from "@/lib/services/access";
import { removeSecret } from "@/lib/services/verification";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; secretId: string }> };

export const DELETE = route(async (request: Request, { params }: Context) => {
  const { binId, secretId } = await params;
  const { bin } = await authorizeOwner(binId, bearerToken(request));
  await removeSecret(bin, secretId);
  return noContent();
});
