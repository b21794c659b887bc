import { timingSafeEqual } from "node:crypto";
import { BinNotFoundError, ForbiddenError } from "@/lib/shared/errors";
import { BIN_ID_PATTERN, sha256Hex } from "@/lib/server/ids";
import { getBin, type BinRecord } from "@/lib/server/queries/bins";
import { assertShareReaderSignedIn, identifyCaller, signedInFrom, type Caller } from "@/lib/server/auth/caller";
import type { UserRecord } from "@/lib/server/queries/users";
import { findTeamRole } from "@/lib/server/queries/teams";
import { binRoleOfTeamRole } from "@/lib/server/services/teams";

/**
 * owner: configures the bin (settings, secrets, schemas, share link, ownership, delete) and uses it;
 * operator (a team's member): uses it (replay, test events, forwarders, deliveries, deleting
 * requests); viewer: reads.
 */
export type Role = "owner" | "operator" | "viewer";

/** What an operation needs: to read the bin, to use it, or to configure it. */
export type Need = "read" | "operate" | "owner";

const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };
const NEED_RANK: Record<Need, number> = { read: 0, operate: 1, owner: 2 };

export interface BinAccess {
  bin: BinRecord;
  role: Role;
  /** Who was let in: what the audit log names. Absent where the server itself acts. */
  caller?: Caller;
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** An account's role: an admin's over every bin, else through the bin's team when it has one, else as the account the bin follows. */
async function accountRole(bin: BinRecord, user: UserRecord): Promise<Role | null> {
  if (user.isAdmin) return "owner";
  if (bin.ownerTeamId !== null) {
    const teamRole = await findTeamRole(bin.ownerTeamId, user.id);
    return teamRole ? binRoleOfTeamRole(teamRole) : null;
  }
  return bin.ownerUserId === user.id ? "owner" : null;
}

async function roleOf(bin: BinRecord, caller: Caller): Promise<Role | null> {
  switch (caller.kind) {
    case "token":
      if (sameText(hashToken(caller.token), bin.ownerTokenHash)) return "owner";
      return sameText(caller.token, bin.shareToken) ? "viewer" : null;
    case "user":
      return accountRole(bin, caller.signedIn.user);
    case "key": {
      // A read key is a viewer even of its user's own bins.
      const role = await accountRole(bin, caller.user);
      return role && caller.scope === "read" ? "viewer" : role;
    }
    case "anonymous":
      return null;
  }
}

/**
 * What the caller may do with the bin: own it, read it through a share link, or nothing. An
 * unknown bin and a caller without access throw the same error, so that bin ids cannot be probed.
 */
export async function authorizeCaller(binId: string, caller: Caller, need: Need = "read"): Promise<BinAccess> {
  if (caller.kind === "anonymous" || !BIN_ID_PATTERN.test(binId)) throw new BinNotFoundError();
  const bin = await getBin(binId);
  const role = bin ? await roleOf(bin, caller) : null;
  if (!bin || !role) throw new BinNotFoundError();
  if (ROLE_RANK[role] < NEED_RANK[need]) {
    if (caller.kind === "key" && caller.scope === "read") throw new ForbiddenError("This API key is read-only: changes need a write key.");
    if (role === "operator")
      throw new ForbiddenError("Only the bin's owners change its configuration: a team member uses the bin (replay, forwarders, test events).");
    throw new ForbiddenError();
  }
  return { bin, role, caller };
}

async function authorizeRequest(request: Request, binId: string, need: Need): Promise<BinAccess> {
  const caller = await identifyCaller(request);
  const access = await authorizeCaller(binId, caller, need);
  await assertShareReaderSignedIn(caller, access.role, () => signedInFrom(request.headers.get("cookie")));
  return access;
}

export async function authorizeBin(request: Request, binId: string): Promise<BinAccess> {
  return authorizeRequest(request, binId, "read");
}

/** Use the bin: owners, and a team's members. */
export async function authorizeOperator(request: Request, binId: string): Promise<BinAccess> {
  return authorizeRequest(request, binId, "operate");
}

/** Configure the bin: its owners only. */
export async function authorizeOwner(request: Request, binId: string): Promise<BinAccess> {
  return authorizeRequest(request, binId, "owner");
}
