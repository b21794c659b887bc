import { db } from "@/lib/server/db/client";
import type { UserRecord } from "./users";

export type ApiKeyScope = "read" | "write";

export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  scope: string;
  secretHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A user keeps at most this many keys, revoked ones included (they stay listed as revoked). */
export const MAX_API_KEYS_PER_USER = 100;

export async function insertApiKey(key: Omit<ApiKeyRecord, "lastUsedAt" | "revokedAt">): Promise<ApiKeyRecord> {
  return db().apiKey.create({ data: key });
}

export async function countApiKeys(userId: string): Promise<number> {
  return db().apiKey.count({ where: { userId } });
}

export async function findApiKey(id: string): Promise<(ApiKeyRecord & { user: UserRecord }) | null> {
  return db().apiKey.findUnique({ where: { id }, include: { user: true } });
}

export async function listApiKeys(userId: string): Promise<ApiKeyRecord[]> {
  return db().apiKey.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
}

/** Revokes one of the user's own keys (a second revocation keeps the first time); null when the user has no such key. */
export async function revokeApiKey(userId: string, id: string, at: Date): Promise<ApiKeyRecord | null> {
  await db().apiKey.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: at } });
  return db().apiKey.findFirst({ where: { id, userId } });
}

export async function touchApiKey(id: string, at: Date): Promise<void> {
  await db().apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
}
