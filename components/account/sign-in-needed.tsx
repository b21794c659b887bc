"use client";
import type { MeState } from "@/lib/client/account";
import { signInHref } from "@/lib/client/account";

/** What an account page shows signed out: the way in, or why there is none on this server. */
export function SignInNeeded({ me, returnTo, what }: { me: MeState; returnTo: string; what: string }) {
  if (me.kind === "loading") return <div className="mt-6 h-24 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />;
  return (
    <p className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
      {me.kind === "ready" && me.me.signIn.enabled ? (
        <>
          <a href={signInHref(returnTo)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            Sign in
          </a>{" "}
          {what}.
        </>
      ) : (
        "Sign-in is not configured on this server, so there are no accounts, teams or API keys (README: Sign-in)."
      )}
    </p>
  );
}
