"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { JoinedTeam } from "@/lib/shared/api-types";
import { signInHref, signedInUser, useMe } from "@/lib/client/account";
import { acceptInvite } from "@/lib/client/teams";
import { errorMessage } from "@/lib/shared/errors";
import { Button, buttonClass } from "@/components/ui/button";

// Signing in leaves for the provider and comes back without the fragment: the token waits here.
const PENDING_KEY = "hookscope:invite";

type State = { kind: "idle" } | { kind: "joining" } | { kind: "joined"; team: JoinedTeam } | { kind: "failed"; message: string };

export function AcceptInvite() {
  const me = useMe();
  const user = signedInUser(me);
  const [token, setToken] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: "idle" });

  useEffect(() => {
    const fromLink = new URLSearchParams(window.location.hash.slice(1)).get("token");
    if (fromLink) {
      sessionStorage.setItem(PENDING_KEY, fromLink);
      // Off the address bar: the token is a secret until it is spent.
      history.replaceState(null, "", window.location.pathname);
    }
    setToken(fromLink ?? sessionStorage.getItem(PENDING_KEY));
  }, []);

  if (me.kind === "loading") return <div className="h-24 w-full animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />;
  if (state.kind === "joined") {
    return (
      <>
        <h1 className="text-xl font-semibold tracking-tight">You joined {state.team.name}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">As {state.team.role}: the team&apos;s bins are on your home page.</p>
        <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
          Go to your bins
        </Link>
      </>
    );
  }
  if (!token) {
    return (
      <>
        <h1 className="text-xl font-semibold tracking-tight">No invitation here</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Open the whole invitation link, including the part after #.</p>
      </>
    );
  }
  const join = () => {
    setState({ kind: "joining" });
    acceptInvite(token).then(
      (team) => {
        sessionStorage.removeItem(PENDING_KEY);
        setState({ kind: "joined", team });
      },
      (error: unknown) => setState({ kind: "failed", message: errorMessage(error) }),
    );
  };
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">You are invited to a team</h1>
      {user ? (
        <>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">You will join as {user.email ?? user.name ?? "yourself"}.</p>
          <Button variant="primary" className="mt-6" onClick={join} disabled={state.kind === "joining"}>
            {state.kind === "joining" ? "Joining…" : "Join the team"}
          </Button>
        </>
      ) : me.kind === "ready" && me.me.signIn.enabled ? (
        <a href={signInHref("/invite")} className={buttonClass("primary", "md", "mt-6")}>
          Sign in to join
        </a>
      ) : (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Sign-in is not configured on this server.</p>
      )}
      {state.kind === "failed" && (
        <p role="alert" className="mt-4 text-sm text-rose-700 dark:text-rose-300">
          {state.message}
        </p>
      )}
    </>
  );
}
