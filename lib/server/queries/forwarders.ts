import { db } from "@/lib/server/db/client";

export interface ForwarderRecord {
  id: string;
  binId: string;
  name: string;
  cursor: number;
  createdAt: Date;
  lastSeenAt: Date;
  connectedUntil: Date | null;
  dropped: number;
  droppedAt: Date | null;
}

export async function findForwarder(binId: string, name: string): Promise<ForwarderRecord | null> {
  return db().forwarder.findUnique({ where: { binId_name: { binId, name } } });
}

export async function getForwarderById(id: string): Promise<ForwarderRecord | null> {
  return db().forwarder.findUnique({ where: { id } });
}

/** Creates the forwarder, or returns the one another connection created first under that name. */
export async function createForwarder(forwarder: Pick<ForwarderRecord, "id" | "binId" | "name" | "cursor" | "lastSeenAt">): Promise<ForwarderRecord> {
  try {
    return await db().forwarder.create({ data: forwarder });
  } catch (error) {
    if ((error as { code?: unknown }).code !== "P2002") throw error;
    const existing = await findForwarder(forwarder.binId, forwarder.name);
    if (!existing) throw error;
    return existing;
  }
}

export async function listForwarders(binId: string): Promise<ForwarderRecord[]> {
  return db().forwarder.findMany({ where: { binId }, orderBy: { createdAt: "asc" } });
}

/** Captures of the bin stored after `cursor`: what a forwarder there still has to deliver. */
export async function countAfter(binId: string, cursor: number): Promise<number> {
  return db().capturedRequest.count({ where: { binId, sequence: { gt: cursor } } });
}

export async function setConnectedUntil(id: string, until: Date | null, now: Date): Promise<void> {
  await db().forwarder.updateMany({ where: { id }, data: { connectedUntil: until, lastSeenAt: now } });
}

export async function setResponder(binId: string, until: Date | null, timeoutMs: number): Promise<void> {
  await db().bin.updateMany({ where: { id: binId }, data: { responderUntil: until, responderTimeoutMs: timeoutMs } });
}

export async function deleteForwarder(binId: string, name: string): Promise<boolean> {
  const { count } = await db().forwarder.deleteMany({ where: { binId, name } });
  return count > 0;
}
