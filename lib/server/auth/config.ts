import { env } from "@/lib/server/env";

/** Sign-in is on when a provider is configured (env.ts refuses half a configuration). */
export function signInEnabled(): boolean {
  return env().OIDC_ISSUER !== undefined;
}
