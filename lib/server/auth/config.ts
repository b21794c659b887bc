import { env } from "@/lib/server/env";

/** Sign-in is on when a provider is configured (env.ts refuses half a configuration). */
export function signInEnabled(): boolean {
  return env().OIDC_ISSUER !== undefined;
}

export function signInRequired(): boolean {
  return env().AUTH_REQUIRED;
}

/** Whether this identity is an admin: by the operator's list, or (no list) "the first user" for the store to decide. */
export function adminByConfig(email: string | null, emailVerified: boolean): boolean | "first-user" {
  const list = env()
    .ADMIN_EMAILS.split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0) return "first-user";
  return emailVerified && email !== null && list.includes(email.toLowerCase());
}
