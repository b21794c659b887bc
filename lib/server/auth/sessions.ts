import { env } from "@/lib/server/env";
import { newToken, sha256Hex } from "@/lib/server/ids";
import { publish } from "@/lib/server/realtime/bus";
import { deleteSession, deleteUserSessions, findSession, insertSession, touchSession, type UserRecord } from "@/lib/server/queries/users";

const DAY_MS = 86_400_000;
/** Extending the expiry on every request would write on every read; once a minute is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  sessionId: string;
  user: UserRecord;
}

/** The database keeps only this digest: a leaked table or backup opens no session. */
export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

function lifetimeMs(): number {
  return env().SESSION_DAYS * DAY_MS;
}

export function sessionMaxAgeSeconds(): number {
  return lifetimeMs() / 1000;
}

/** Starts a session for the user; the returned token goes in the cookie and nowhere else. */
export async function startSession(userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const token = newToken();
  await insertSession({
    id: sessionIdOf(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs()),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** Who the session token belongs to, sliding its expiry forward; null for an unknown, ended or expired one. */
export async function resumeSession(token: string, now = new Date()): Promise<SignedIn | null> {
  if (token.length > 200) return null;
  const sessionId = sessionIdOf(token);
  const found = await findSession(sessionId, now);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(sessionId, now, new Date(now.getTime() + lifetimeMs()));
  }
  return { sessionId, user: found.user };
}

export async function endSession(sessionId: string): Promise<void> {
  await deleteSession(sessionId);
  publish("session.revoked", { sessionIds: [sessionId] });
}

/** Sign-out everywhere: every browser and live connection of the user. */
export async function endAllSessions(userId: string): Promise<number> {
  const sessionIds = await deleteUserSessions(userId);
  if (sessionIds.length > 0) publish("session.revoked", { sessionIds });
  return sessionIds.length;
}
