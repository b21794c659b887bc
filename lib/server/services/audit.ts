import type { AuditList } from "@/lib/shared/api-types";
import { newRequestId } from "@/lib/server/ids";
import type { Caller } from "@/lib/server/auth/caller";
import { insertAudit, listAudit, type AuditScope } from "@/lib/server/queries/audit";
import type { UserRecord } from "@/lib/server/queries/users";
import type { BinAccess } from "./access";

const AUDIT_PAGE = 200;

export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

/** How the logs name an account. */
export function userLabel(user: UserRecord): string {
  return user.email ?? user.name ?? `account ${user.id}`;
}

/** Who did it, as a bin's owners read it; never a token or a key's secret. */
function actorOf(caller: Caller | undefined): { actor: string; actorUserId: string | null } {
  switch (caller?.kind) {
    case "user":
      return { actor: userLabel(caller.signedIn.user), actorUserId: caller.signedIn.user.id };
    case "key":
      return { actor: `API key "${caller.keyName}" of ${userLabel(caller.user)}`, actorUserId: caller.user.id };
    case "token":
      return { actor: "the owner token", actorUserId: null };
    default:
      return { actor: "the server", actorUserId: null };
  }
}

/** A line in the bin's audit log for a change its owner (or admin, team member, key) made. */
export async function auditBin(access: BinAccess, action: string, detail: AuditDetail = {}): Promise<void> {
  await insertAudit({
    id: newRequestId(),
    at: new Date(),
    binId: access.bin.id,
    teamId: null,
    ...actorOf(access.caller),
    action,
    detail: JSON.stringify(detail),
  });
}

/** A line in a team's audit log. */
export async function auditTeam(teamId: string, user: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await insertAudit({
    id: newRequestId(),
    at: new Date(),
    binId: null,
    teamId,
    actor: userLabel(user),
    actorUserId: user.id,
    action,
    detail: JSON.stringify(detail),
  });
}

/** A line in an account's own log (its API keys), read by the account. */
export async function auditAccount(user: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await insertAudit({
    id: newRequestId(),
    at: new Date(),
    binId: null,
    teamId: null,
    userId: user.id,
    actor: userLabel(user),
    actorUserId: user.id,
    action,
    detail: JSON.stringify(detail),
  });
}

/** A line in the instance's own log (policies), for its admins. */
export async function auditInstance(admin: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await insertAudit({
    id: newRequestId(),
    at: new Date(),
    binId: null,
    teamId: null,
    actor: userLabel(admin),
    actorUserId: admin.id,
    action,
    detail: JSON.stringify(detail),
  });
}

export async function readAudit(where: AuditScope): Promise<AuditList> {
  const entries = await listAudit(where, AUDIT_PAGE);
  return {
    entries: entries.map((entry) => ({
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      detail: JSON.parse(entry.detail) as AuditDetail,
    })),
  };
}
