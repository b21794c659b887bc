import { db } from "@/lib/server/db/client";

export interface BinRecord {
  id: string;
  ownerTokenHash: string;
  shareToken: string;
  createdAt: Date;
  expiresAt: Date | null;
  maxRequests: number;
  captureCount: number;
  /** JSON of BinSettings. */
  settings: string;
  /** JSON of StoredSecret[]: owner only. */
  secrets: string;
  /** While a `hookscope forward --respond` is connected, and how long captures wait for its answer. */
  responderUntil: Date | null;
  responderTimeoutMs: number;
  /** Captures retention removed before a forwarder or auto-forward delivered them. */
  undeliveredDropped: number;
  undeliveredDroppedAt: Date | null;
  recheckPending: boolean;
  prunedCount: number;
  /** Requests deleted by hand (one at a time or by a clear). */
  removedCount: number;
  refusedRateLimited: number;
  refusedTooLarge: number;
  refusedOverloaded: number;
  refusedUnauthorized: number;
  refusedForbidden: number;
  lastRefusedAt: Date | null;
  /** The signed-in user the bin follows; null for a bin only its owner token opens. */
  ownerUserId: string | null;
  /** The team whose members open the bin by their team role; wins over ownerUserId. */
  ownerTeamId: string | null;
  /** OutboundRole of whoever last set the auto-forward (lib/shared/instance-policy.ts). */
  forwardRole: string;
}

export type RefusalReason = "rateLimited" | "tooLarge" | "overloaded" | "unauthorized" | "forbidden";

const REFUSAL_COLUMNS = {
  rateLimited: "refusedRateLimited",
  tooLarge: "refusedTooLarge",
  overloaded: "refusedOverloaded",
  unauthorized: "refusedUnauthorized",
  forbidden: "refusedForbidden",
} as const satisfies Record<RefusalReason, keyof BinRecord>;

/** Adds refusals to a bin's tally; a bin that does not exist (a refused guess) is left alone. */
export async function addRefusals(binId: string, counts: Partial<Record<RefusalReason, number>>, at: Date): Promise<void> {
  const data: Record<string, unknown> = { lastRefusedAt: at };
  for (const [reason, n] of Object.entries(counts) as [RefusalReason, number][]) data[REFUSAL_COLUMNS[reason]] = { increment: n };
  await db().bin.updateMany({ where: { id: binId }, data });
}

export type NewBin = Pick<BinRecord, "id" | "ownerTokenHash" | "shareToken" | "expiresAt" | "maxRequests" | "ownerUserId" | "ownerTeamId">;

/** Null when the id is taken (a chosen name that exists already). */
export async function createBin(bin: NewBin): Promise<BinRecord | null> {
  try {
    return await db().bin.create({ data: bin });
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") return null;
    throw error;
  }
}

export type BinChanges = Partial<
  Pick<BinRecord, "expiresAt" | "maxRequests" | "settings" | "shareToken" | "secrets" | "recheckPending" | "ownerTokenHash" | "ownerUserId" | "forwardRole">
>;

/** Null when there was no such bin. */
export async function updateBin(binId: string, changes: BinChanges): Promise<BinRecord | null> {
  // An empty change counts no rows on SQLite (and one on PostgreSQL): it must not read as "no such bin".
  if (Object.keys(changes).length === 0) return getBin(binId);
  const { count } = await db().bin.updateMany({ where: { id: binId }, data: changes });
  return count > 0 ? getBin(binId) : null;
}

/** Bins past their expiry at `now`, at most `limit`. */
export async function expiredBinIds(now: Date, limit: number): Promise<string[]> {
  const expired = await db().bin.findMany({ where: { expiresAt: { lte: now } }, select: { id: true }, take: limit });
  return expired.map((bin) => bin.id);
}

export async function isBinExpired(binId: string, now: Date): Promise<boolean> {
  return (await db().bin.count({ where: { id: binId, expiresAt: { lte: now } } })) > 0;
}

/** Deletes the bin, and what is left of its requests, unless its owner moved its expiry on meanwhile. */
export async function deleteBinIfExpired(binId: string, now: Date): Promise<boolean> {
  const { count } = await db().bin.deleteMany({ where: { id: binId, expiresAt: { lte: now } } });
  return count > 0;
}

export async function getBin(binId: string): Promise<BinRecord | null> {
  return db().bin.findUnique({ where: { id: binId } });
}

/** Returns false when there was no such bin. Its requests go with it (ON DELETE CASCADE). */
export async function deleteBin(binId: string): Promise<boolean> {
  const { count } = await db().bin.deleteMany({ where: { id: binId } });
  return count > 0;
}

/** Bins whose stored verdicts still have to be computed again (a restart interrupted it, or rows predate the verdict format). */
export async function binsWithRecheckPending(): Promise<string[]> {
  const rows = await db().bin.findMany({ where: { recheckPending: true }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Clears the mark, unless the secrets changed since the re-check read them (a newer one is due). */
export async function clearRecheckPending(binId: string, secretsChecked: string): Promise<void> {
  await db().bin.updateMany({ where: { id: binId, secrets: secretsChecked }, data: { recheckPending: false } });
}

/** Newest first; a user keeps at most this many (the list is for a home page, not an export). */
export async function listBinsOfUser(userId: string, limit = 500): Promise<BinRecord[]> {
  return db().bin.findMany({ where: { ownerUserId: userId }, orderBy: { createdAt: "desc" }, take: limit });
}

/**
 * Moves the bin to the claimer's account or a team, only while it belongs to no team and to no
 * other account, so two claims cannot both win; null when it did.
 */
export async function claimBinFor(binId: string, claimerId: string, owner: Pick<BinRecord, "ownerUserId" | "ownerTeamId">): Promise<BinRecord | null> {
  const { count } = await db().bin.updateMany({
    where: { id: binId, ownerTeamId: null, OR: [{ ownerUserId: null }, { ownerUserId: claimerId }] },
    data: owner,
  });
  return count > 0 ? getBin(binId) : null;
}

/** Every bin with who it belongs to, newest first: the admin's overview. */
export async function listAllBins(limit: number): Promise<(BinRecord & { ownerUser: { email: string | null } | null; ownerTeam: { name: string } | null })[]> {
  return db().bin.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { ownerUser: { select: { email: true } }, ownerTeam: { select: { name: true } } },
  });
}
