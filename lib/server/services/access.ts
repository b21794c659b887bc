import { createHash, timingSafeEqual } from "node:crypto";
import { BinNotFoundError, ForbiddenError } from "@/lib/shared/errors";
import { BIN_ID_PATTERN } from "@/lib/server/ids";
import { getBin, type BinRecord } from "@/lib/server/queries/bins";

export type Role = "owner" | "viewer";

export interface BinAccess {
  bin: BinRecord;
  role: Role;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Who the token makes the caller: the owner, a share-link viewer, or nobody. An unknown bin and a
 * wrong token throw the same error, so that bin ids cannot be probed.
 */
export async function authorizeBin(binId: string, token: string | null | undefined): Promise<BinAccess> {
  if (!token || !BIN_ID_PATTERN.test(binId)) throw new BinNotFoundError();
  const bin = await getBin(binId);
  if (!bin) throw new BinNotFoundError();
  if (sameText(hashToken(token), bin.ownerTokenHash)) return { bin, role: "owner" };
  if (sameText(token, bin.shareToken)) return { bin, role: "viewer" };
  throw new BinNotFoundError();
}

export async function authorizeOwner(binId: string, token: string | null | undefined): Promise<BinAccess> {
  const access = await authorizeBin(binId, token);
  if (access.role !== "owner") throw new ForbiddenError();
  return access;
}
