/**
 * The two cookies sign-in uses. Over https they carry `Secure` and the session one the `__Host-`
 * prefix, which a sibling subdomain cannot set (cookie tossing); plain http (a laptop, the tests)
 * cannot use either.
 */
export const SESSION_COOKIE = "hookscope_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** State, PKCE verifier and nonce of one sign-in in progress, sent only to the callback. */
export const FLOW_COOKIE = "hookscope_oidc";
export const CALLBACK_PATH = "/api/auth/callback";

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // The first one wins: browsers send the most specific path first.
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The session token from a Cookie header: the `__Host-` one when both are present. */
export function sessionTokenFrom(cookieHeader: string | null | undefined): string | null {
  const cookies = parseCookies(cookieHeader);
  return cookies.get(SECURE_SESSION_COOKIE) ?? cookies.get(SESSION_COOKIE) ?? null;
}

interface CookieOptions {
  secure: boolean;
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

export function serializeCookie(name: string, value: string, { secure, path, maxAge }: CookieOptions): string {
  return [`${name}=${value}`, `Path=${path}`, `Max-Age=${Math.max(0, Math.floor(maxAge))}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join(
    "; ",
  );
}

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds: number): string {
  return serializeCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, { secure, path: "/", maxAge: maxAgeSeconds });
}

export function clearSessionCookies(secure: boolean): string[] {
  const cleared = [serializeCookie(SESSION_COOKIE, "", { secure, path: "/", maxAge: 0 })];
  if (secure) cleared.push(serializeCookie(SECURE_SESSION_COOKIE, "", { secure, path: "/", maxAge: 0 }));
  return cleared;
}
