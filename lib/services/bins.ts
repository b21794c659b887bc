import type { BinInfo, CreatedBin } from "@/lib/api-types";
import { BinNotFoundError } from "@/lib/errors";
import { newBinId, newToken } from "@/lib/ids";
import { createBin, deleteBin } from "@/lib/queries/bins";
import { countRequests } from "@/lib/queries/requests";
import { publish } from "@/lib/realtime/bus";
import { hashToken, type BinAccess } from "@/lib/services/access";
import { binUrls } from "@/lib/urls";

export async function createNewBin(origin: string): Promise<CreatedBin> {
  const ownerToken = newToken();
  const bin = await createBin({ id: newBinId(), ownerTokenHash: hashToken(ownerToken), shareToken: newToken() });
  const urls = binUrls(origin, bin.id, bin.shareToken);
  return { id: bin.id, ...urls, ownerToken };
}

export async function describeBin(access: BinAccess, origin: string): Promise<BinInfo> {
  const { bin, role } = access;
  const urls = binUrls(origin, bin.id, bin.shareToken);
  return {
    id: bin.id,
    createdAt: bin.createdAt.toISOString(),
    requestCount: await countRequests(bin.id),
    captureUrl: urls.captureUrl,
    role,
    ...(role === "owner" ? { shareUrl: urls.shareUrl } : {}),
  };
}

export async function removeBin(binId: string): Promise<void> {
  if (!(await deleteBin(binId))) throw new BinNotFoundError();
  publish("bin.deleted", { binId });
}
