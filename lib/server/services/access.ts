import { createHash, timingSafeEqual } from "node:crypto";
import { BinNotFoundError, ForbiddenError } from "@/lib/shared/errors";
import { BIN_ID_PATTERN } from "@/lib/server/ids";
import { getBin, type BinRecord } from "@/lib/server/queries/bins";
import { identifyCaller, type Caller } from "@/lib/server/auth/caller";

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

function roleOf(bin: BinRecord, caller: Caller): Role | null {
  switch (caller.kind) {
    case "token":
      if (sameText(hashToken(caller.token), bin.ownerTokenHash)) return "owner";
      return sameText(caller.token, bin.shareToken) ? "viewer" : null;
    case "user":
      return bin.ownerUserId === caller.signedIn.user.id ? "owner" : null;
    case "anonymous":
      return null;
  }
}

/**
 * What the caller may do with the bin: own it, read it through a share link, or nothing. An
 * unknown bin and a caller without access throw the same error, so that bin ids cannot be probed.
 */
export async function authorizeCaller(binId: string, caller: Caller, need: "read" | "owner" = "read"): Promise<BinAccess> {
  if (caller.kind === "anonymous" || !BIN_ID_PATTERN.test(binId)) throw new BinNotFoundError();
  const bin = await getBin(binId);
  const role = bin ? roleOf(bin, caller) : null;
  if (!bin || !role) throw new BinNotFoundError();
  if (need === "owner" && role !== "owner") throw new ForbiddenError();
  return { bin, role };
}

export async function authorizeBin(request: Request, binId: string): Promise<BinAccess> {
  return authorizeCaller(binId, await identifyCaller(request));
}

export async function authorizeOwner(request: Request, binId: string): Promise<BinAccess> {
  return authorizeCaller(binId, await identifyCaller(request), "owner");
}
