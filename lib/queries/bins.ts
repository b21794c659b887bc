import { db } from "@/lib/db/client";

export interface BinRecord {
  id: string;
  ownerTokenHash: string;
  shareToken: string;
  createdAt: Date;
}

export async function createBin(bin: Omit<BinRecord, "createdAt">): Promise<BinRecord> {
  return db().bin.create({ data: bin });
}

export async function getBin(binId: string): Promise<BinRecord | null> {
  return db().bin.findUnique({ where: { id: binId } });
}

export async function binExists(binId: string): Promise<boolean> {
  const found = await db().bin.findUnique({ where: { id: binId }, select: { id: true } });
  return found !== null;
}

/** Returns false when there was no such bin. Its requests go with it (ON DELETE CASCADE). */
export async function deleteBin(binId: string): Promise<boolean> {
  const { count } = await db().bin.deleteMany({ where: { id: binId } });
  return count > 0;
}
