import { SignInRequiredError } from "@/lib/shared/errors";
import { bearerToken, requestOrigin } from "@/lib/server/http";
import { signInEnabled } from "./config";
import { sessionTokenFrom } from "./cookies";
import { assertSameOriginChange } from "./csrf";
import { resumeSession, type SignedIn } from "./sessions";

/** Who is asking: a bearer token (a bin's owner or share token), a signed-in browser, or nobody. */
export type Caller = { kind: "anonymous" } | { kind: "token"; token: string } | { kind: "user"; signedIn: SignedIn };

const ANONYMOUS: Caller = { kind: "anonymous" };

/**
 * An Authorization header alone decides when present, so a script holding a token is never also
 * treated as the browser's user. The session cookie counts only for changes sent from the app's
 * own pages (csrf.ts).
 */
export async function identifyCaller(request: Request): Promise<Caller> {
  const token = bearerToken(request);
  if (token) return { kind: "token", token };
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

/** The session of a request, ignoring any Authorization header: for actions that join the two (claiming a bin). */
export async function requireSignedIn(request: Request): Promise<SignedIn> {
  if (!signInEnabled()) throw new SignInRequiredError("Sign-in is not configured on this server (README: Sign-in).");
  const signedIn = await signedInFrom(request.headers.get("cookie"));
  if (!signedIn) throw new SignInRequiredError();
  assertSameOriginChange(request, requestOrigin(request));
  return signedIn;
}
