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

const byUser = (user: UserRecord) => ({ actor: userLabel(user), actorUserId: user.id });

/** Who did it, as a bin's owners read it; never a token or a key's secret. */
function actorOf(caller: Caller | undefined): { actor: string; actorUserId: string | null } {
  switch (caller?.kind) {
    case "user":
      return byUser(caller.signedIn.user);
    case "key":
      return { actor: `API key "${caller.keyName}" of ${userLabel(caller.user)}`, actorUserId: caller.user.id };
    case "token":
      return { actor: "the owner token", actorUserId: null };
    default:
      return { actor: "the server", actorUserId: null };
  }
}

/** One line in the log `scope` names, by `who`: the one place a line's columns are filled. */
async function writeLine(scope: AuditScope, who: { actor: string; actorUserId: string | null }, action: string, detail: AuditDetail): Promise<void> {
  const inScope = typeof scope === "string" ? {} : scope;
  await insertAudit({
    id: newRequestId(),
    at: new Date(),
    binId: null,
    teamId: null,
    userId: null,
    ...inScope,
    ...who,
    action,
    detail: JSON.stringify(detail),
  });
}

/** A line in the bin's audit log for a change its owner (or admin, team member, key) made. */
export async function auditBin(access: BinAccess, action: string, detail: AuditDetail = {}): Promise<void> {
  await writeLine({ binId: access.bin.id }, actorOf(access.caller), action, detail);
}

/** A line in a team's audit log. */
export async function auditTeam(teamId: string, user: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await writeLine({ teamId }, byUser(user), action, detail);
}

/** A line in an account's own log (its API keys), read by the account. */
export async function auditAccount(user: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await writeLine({ userId: user.id }, byUser(user), action, detail);
}

/** A line in the instance's own log (policies), for its admins. */
export async function auditInstance(admin: UserRecord, action: string, detail: AuditDetail = {}): Promise<void> {
  await writeLine("instance", byUser(admin), action, detail);
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
