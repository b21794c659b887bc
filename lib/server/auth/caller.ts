import { ForbiddenError, SignInRequiredError } from "@/lib/shared/errors";
import { bearerToken, requestOrigin } from "@/lib/server/http";
import type { ApiKeyScope } from "@/lib/server/queries/api-keys";
import type { UserRecord } from "@/lib/server/queries/users";
import { looksLikeApiKey, resolveApiKey } from "./api-keys";
import { signInEnabled, signInRequired } from "./config";
import { sessionTokenFrom } from "./cookies";
import { assertSameOriginChange } from "./csrf";
import { resumeSession, type SignedIn } from "./sessions";

/**
 * Who is asking: a bin's owner or share token, a signed-in browser, a personal API key, or nobody.
 */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "token"; token: string }
  | { kind: "user"; signedIn: SignedIn }
  | { kind: "key"; user: UserRecord; keyId: string; keyName: string; scope: ApiKeyScope };

const ANONYMOUS: Caller = { kind: "anonymous" };

/** A bearer token as presented: an API key (`hsk_...`, checked now: a revoked one is a 401), else a bin token. */
export async function callerFromToken(token: string): Promise<Caller> {
  if (!looksLikeApiKey(token)) return { kind: "token", token };
  return { kind: "key", ...(await resolveApiKey(token)) };
}

/**
 * An Authorization header alone decides when present, so a script holding a token is never also
 * treated as the browser's user. The session cookie counts only for changes sent from the app's
 * own pages (csrf.ts).
 */
export async function identifyCaller(request: Request): Promise<Caller> {
  const token = bearerToken(request);
  if (token) return callerFromToken(token);
  const signedIn = await signedInFrom(request.headers.get("cookie"));
  if (!signedIn) return ANONYMOUS;
  assertSameOriginChange(request, requestOrigin(request));
  return { kind: "user", signedIn };
}

/** The signed-in user behind a Cookie header, when sign-in is on. */
export async function signedInFrom(cookieHeader: string | null | undefined): Promise<SignedIn | null> {
  if (!signInEnabled()) return null;
  const token = sessionTokenFrom(cookieHeader);
  return token ? resumeSession(token) : null;
}

/**
 * The session of a request, ignoring any Authorization header: for what only a person in a browser
 * does (signing out, managing API keys, claiming a bin with its owner token).
 */
export async function requireSignedIn(request: Request): Promise<SignedIn> {
  if (!signInEnabled()) throw new SignInRequiredError("Sign-in is not configured on this server (README: Sign-in).");
  const signedIn = await signedInFrom(request.headers.get("cookie"));
  if (!signedIn) throw new SignInRequiredError();
  assertSameOriginChange(request, requestOrigin(request));
  return signedIn;
}

/** The account asking, by session or API key; `write` refuses a read-only key. */
export async function requireAccount(request: Request, need: "read" | "write" = "read"): Promise<UserRecord> {
  const caller = await identifyCaller(request);
  if (caller.kind === "user") return caller.signedIn.user;
  if (caller.kind === "key") {
    if (need === "write" && caller.scope !== "write") throw new ForbiddenError("This API key is read-only.");
    return caller.user;
  }
  throw new SignInRequiredError(signInEnabled() ? "Sign in, or send an API key." : "Sign-in is not configured on this server (README: Sign-in).");
}

/** An admin of the instance, by session or API key (a read key lists, only a write key changes). */
export async function requireAdmin(request: Request, need: "read" | "write" = "read"): Promise<UserRecord> {
  const user = await requireAccount(request, need);
  if (!user.isAdmin) throw new ForbiddenError("Only the instance's admins may do this.");
  return user;
}

/**
 * The account a new bin belongs to: the signed-in user or the key's, else none (a browser-owned
 * bin, refused when the operator requires sign-in).
 */
export async function creatorOf(request: Request): Promise<string | null> {
  const caller = await identifyCaller(request);
  if (caller.kind === "key" && caller.scope !== "write") throw new ForbiddenError("This API key is read-only: it cannot create bins.");
  const creator = caller.kind === "user" ? caller.signedIn.user.id : caller.kind === "key" ? caller.user.id : null;
  if (creator === null && signInRequired()) throw new SignInRequiredError("This server requires sign-in to create bins: sign in, or send a write API key.");
  return creator;
}

/**
 * With AUTH_REQUIRED, a share link is not enough on its own to read a bin: the reader must be
 * signed in too. Owner tokens and API keys stand for an account already.
 */
export async function assertShareReaderSignedIn(
  caller: Caller,
  role: "owner" | "operator" | "viewer",
  signedIn: () => Promise<SignedIn | null>,
): Promise<void> {
  // The session is looked up only for the one case that needs it.
  if (caller.kind === "token" && role === "viewer" && signInRequired() && !(await signedIn())) {
    throw new SignInRequiredError("This server requires sign-in to read bins, also through a share link.");
  }
}
