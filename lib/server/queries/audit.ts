import { db } from "@/lib/server/db/client";

export interface AuditRecord {
  id: string;
  at: Date;
  binId: string | null;
  teamId: string | null;
  actorUserId: string | null;
  actor: string;
  action: string;
  /** JSON object. */
  detail: string;
}

export async function insertAudit(entry: AuditRecord): Promise<void> {
  await db().auditEntry.create({ data: entry });
}

/** Newest first. */
export async function listAudit(where: { binId: string } | { teamId: string }, limit: number): Promise<AuditRecord[]> {
  return db().auditEntry.findMany({ where, orderBy: { id: "desc" }, take: limit });
}
