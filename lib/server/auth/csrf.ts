import { ForbiddenError } from "@/lib/shared/errors";
import { env } from "@/lib/server/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What an HTML form can send without script: a cross-site form post must never count as the user. */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

function trustedOrigins(): Set<string> {
  return new Set(
    env()
      .HOOKSCOPE_TRUSTED_ORIGINS.split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => new URL(entry).origin),
  );
}

/** Whether a browser's Origin header names this app (or an origin the operator trusts). */
export function isTrustedOrigin(origin: string | null | undefined, ownOrigin: string): boolean {
  if (!origin || origin === "null") return false;
  return origin === ownOrigin || trustedOrigins().has(origin);
}

/**
 * A change made with the session cookie must come from the app's own pages. SameSite=Lax alone is
 * not enough: a sibling subdomain is same-site, and a form can post text/plain that reads as JSON.
 * Browsers send Origin on every cross-origin and same-origin POST; without it, Fetch Metadata must
 * say same-origin. Requests carrying an Authorization header never reach here: no browser adds one
 * on its own.
 */
export function assertSameOriginChange(request: Request, ownOrigin: string): void {
  if (isSafeMethod(request.method)) return;
  const headers = request.headers;
  const origin = headers.get("origin");
  const fromHere = origin !== null ? isTrustedOrigin(origin, ownOrigin) : headers.get("sec-fetch-site") === "same-origin";
  if (!fromHere) throw new ForbiddenError("This change was sent from another site; signed-in changes are accepted only from Hookscope's own pages.");
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type && FORM_TYPES.includes(type)) throw new ForbiddenError("Signed-in changes are sent as JSON, not as a form.");
}
