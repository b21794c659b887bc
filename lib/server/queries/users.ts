import { db } from "@/lib/server/db/client";

export interface UserRecord {
  id: string;
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  isAdmin: boolean;
  createdAt: Date;
  lastSignInAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
}

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * The user the provider's (issuer, subject) names, created on first sign-in; email and name follow
 * the provider. `admin`: a list decides (true/false at every sign-in), or, with no list, the first
 * user of the instance becomes admin.
 */
export async function upsertUser(id: string, identity: ProviderIdentity, now: Date, admin: boolean | "first-user"): Promise<UserRecord> {
  const { issuer, subject, ...profile } = identity;
  return db().$transaction(async (tx) => {
    const isAdmin = admin === "first-user" ? (await tx.user.count({ where: { isAdmin: true } })) === 0 : admin;
    return tx.user.upsert({
      where: { issuer_subject: { issuer, subject } },
      create: { id, issuer, subject, ...profile, isAdmin, createdAt: now, lastSignInAt: now },
      update: { ...profile, lastSignInAt: now, ...(admin !== "first-user" || isAdmin ? { isAdmin } : {}) },
    });
  });
}

export async function findUser(id: string): Promise<UserRecord | null> {
  return db().user.findUnique({ where: { id } });
}

export async function insertSession(session: SessionRecord): Promise<void> {
  await db().session.create({ data: session });
}

/** The live session with this id and its user; null for an unknown or expired one. */
export async function findSession(id: string, now: Date): Promise<{ session: SessionRecord; user: UserRecord } | null> {
  const found = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!found || found.expiresAt <= now) return null;
  const { user, ...session } = found;
  return { session, user };
}

export async function touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db().session.updateMany({ where: { id }, data: { lastSeenAt, expiresAt } });
}

export async function deleteSession(id: string): Promise<void> {
  await db().session.deleteMany({ where: { id } });
}

/** Ends every session of the user; returns their ids so live connections can be let go. */
export async function deleteUserSessions(userId: string): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const sessions = await tx.session.findMany({ where: { userId }, select: { id: true } });
    await tx.session.deleteMany({ where: { id: { in: sessions.map((session) => session.id) } } });
    return sessions.map((session) => session.id);
  });
}

export async function deleteExpiredSessions(now: Date): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
