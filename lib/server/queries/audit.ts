import { db } from "@/lib/server/db/client";

export interface AuditRecord {
  id: string;
  at: Date;
  binId: string | null;
  teamId: string | null;
  /** The account a line is about (its API keys). */
  userId: string | null;
  actorUserId: string | null;
  actor: string;
  action: string;
  /** JSON object. */
  detail: string;
}

export async function insertAudit(entry: AuditRecord): Promise<void> {
  await db().auditEntry.create({ data: entry });
}

/** A bin's log, a team's, an account's, or the instance's own (lines of none of them). */
export type AuditScope = { binId: string } | { teamId: string } | { userId: string } | "instance";

/** Newest first. */
export async function listAudit(scope: AuditScope, limit: number): Promise<AuditRecord[]> {
  const where = scope === "instance" ? { binId: null, teamId: null, userId: null } : scope;
  return db().auditEntry.findMany({ where, orderBy: { id: "desc" }, take: limit });
}
