import { randomUUID } from "node:crypto";
import type { Me } from "@/lib/shared/api-types";
import { adminByConfig, signInEnabled, signInRequired } from "@/lib/server/auth/config";
import type { SignedIn } from "@/lib/server/auth/sessions";
import { completeSignIn, type SignInFlow } from "@/lib/server/auth/oidc";
import { startSession } from "@/lib/server/auth/sessions";
import { upsertUser } from "@/lib/server/queries/users";

/** Finishes a sign-in at the callback: who it is (created on first sign-in) and a new session's token. */
export async function signIn(callbackUrl: URL, flow: SignInFlow | null, userAgent: string | null): Promise<{ sessionToken: string; returnTo: string }> {
  const identity = await completeSignIn(callbackUrl, flow);
  const user = await upsertUser(randomUUID(), identity, new Date(), adminByConfig(identity.email, identity.emailVerified));
  return { sessionToken: await startSession(user.id, userAgent), returnTo: flow?.returnTo ?? "/" };
}

export function describeMe(signedIn: SignedIn | null): Me {
  const user = signedIn?.user;
  return {
    signIn: { enabled: signInEnabled(), required: signInRequired() },
    user: user ? { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } : null,
  };
}
