import { db } from "@/lib/server/db/client";

export interface DeliveryRecord {
  id: string;
  binId: string;
  requestId: string;
  kind: string;
  targetUrl: string;
  method: string;
  /** JSON of ordered [name, value] pairs. */
  headers: string;
  body: Uint8Array<ArrayBuffer>;
  status: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  lastError: string | null;
  /** JSON of a ResignSummary, or null when sent as captured. */
  resigned: string | null;
  /** OutboundRole the delivery is sent for (lib/shared/instance-policy.ts). */
  senderRole: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryAttemptRecord {
  id: string;
  deliveryId: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  outcome: string;
  status: number | null;
  responseHeaders: string | null;
  responseBody: Uint8Array<ArrayBuffer> | null;
  responseTruncated: boolean;
  errorCode: string | null;
  errorMessage: string | null;
}

export type NewDelivery = Omit<DeliveryRecord, "attempts" | "leaseUntil" | "lastError" | "resigned" | "createdAt" | "updatedAt"> & { resigned?: string | null };

/** Creates the delivery unless one with that id exists (ids of forwards derive from the request, so this is idempotent). */
export async function createDelivery(delivery: NewDelivery): Promise<void> {
  try {
    await db().delivery.create({ data: delivery });
  } catch (error) {
    if ((error as { code?: unknown }).code !== "P2002") throw error;
  }
}

export async function getDelivery(binId: string, deliveryId: string): Promise<DeliveryRecord | null> {
  return db().delivery.findFirst({ where: { id: deliveryId, binId } });
}

export async function listDeliveries(
  where: { binId: string; requestId?: string; statuses?: string[]; excludeKinds?: string[] },
  limit: number,
): Promise<(DeliveryRecord & { attemptLog: DeliveryAttemptRecord[] })[]> {
  return db().delivery.findMany({
    where: {
      binId: where.binId,
      requestId: where.requestId,
      ...(where.statuses ? { status: { in: where.statuses } } : {}),
      ...(where.excludeKinds ? { kind: { notIn: where.excludeKinds } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { attemptLog: { orderBy: { number: "asc" } } },
  });
}

export async function getAttempts(deliveryId: string): Promise<DeliveryAttemptRecord[]> {
  return db().deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });
}

/**
 * Takes a due delivery for sending. The conditional update is what makes it safe for several
 * workers (or instances) to race for the same row: only one sees count 1.
 */
export async function claimDelivery(deliveryId: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const { count } = await db().delivery.updateMany({
    where: { id: deliveryId, status: "pending", nextAttemptAt: { lte: now } },
    data: { status: "sending", leaseUntil },
  });
  return count === 1;
}

export async function dueDeliveryIds(now: Date, limit: number): Promise<string[]> {
  const rows = await db().delivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Deliveries left "sending" by a worker that stopped (crash, restart) go back to the queue. */
export async function releaseExpiredLeases(now: Date): Promise<number> {
  const { count } = await db().delivery.updateMany({
    where: { status: "sending", leaseUntil: { lt: now } },
    data: { status: "pending", nextAttemptAt: now, leaseUntil: null },
  });
  return count;
}

export async function getDeliveryById(deliveryId: string): Promise<DeliveryRecord | null> {
  return db().delivery.findUnique({ where: { id: deliveryId } });
}

export async function recordAttempt(
  attempt: DeliveryAttemptRecord,
  next: Pick<DeliveryRecord, "status" | "nextAttemptAt" | "lastError" | "attempts">,
): Promise<void> {
  await db().deliveryAttempt.create({ data: attempt });
  await db().delivery.update({ where: { id: attempt.deliveryId }, data: { ...next, leaseUntil: null } });
}

export async function requeueDelivery(binId: string, deliveryId: string, now: Date, extraAttempts: number): Promise<boolean> {
  const delivery = await getDelivery(binId, deliveryId);
  if (!delivery || delivery.status !== "dead") return false;
  const { count } = await db().delivery.updateMany({
    where: { id: deliveryId, status: "dead" },
    data: { status: "pending", nextAttemptAt: now, maxAttempts: delivery.attempts + extraAttempts, lastError: null },
  });
  return count === 1;
}

/** Captures flagged for auto-forwarding that have no delivery yet. */
export async function pendingForwards(
  limit: number,
): Promise<{ id: string; binId: string; method: string; path: string; query: string; headers: string; body: Uint8Array<ArrayBuffer> }[]> {
  return db().capturedRequest.findMany({
    where: { forwardPending: true },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, binId: true, method: true, path: true, query: true, headers: true, body: true },
  });
}

export async function clearForwardPending(requestIds: string[]): Promise<void> {
  await db().capturedRequest.updateMany({ where: { id: { in: requestIds } }, data: { forwardPending: false } });
}

/** Deliveries waiting for an attempt, across bins: the forward queue's depth. */
export async function countPendingDeliveries(): Promise<number> {
  return db().delivery.count({ where: { status: "pending" } });
}
