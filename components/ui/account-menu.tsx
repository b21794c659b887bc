"use client";
import Link from "next/link";
import { useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { signInHref, signOut, useMe } from "@/lib/client/account";
import { errorMessage } from "@/lib/shared/errors";
import { buttonClass } from "./button";

/** Sign in, or who is signed in with the ways out. Absent when the server has no provider configured. */
export function AccountMenu() {
  const me = useMe();
  const pathname = usePathname();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  if (me.kind !== "ready" || !me.me.signIn.enabled) return null;
  const user = me.me.user;
  if (!user) {
    return (
      // A full navigation, not a client route: the provider's page is another site.
      <a href={signInHref(pathname)} className={buttonClass("secondary", "sm")}>
        Sign in
      </a>
    );
  }
  const leave = (everywhere: boolean) => {
    setProblem(null);
    signOut(everywhere).then(
      () => router.push("/"),
      (error: unknown) => setProblem(errorMessage(error)),
    );
  };
  const label = user.email ?? user.name ?? "Signed in";
  return (
    <details className="relative">
      <summary
        className="flex max-w-48 cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800"
        title={label}
      >
        <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-xs text-white" aria-hidden="true">
          {label.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden truncate sm:inline">{label}</span>
      </summary>
      <div className="absolute right-0 z-30 mt-2 w-64 rounded-lg border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
        <p className="truncate px-2 py-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          Signed in as <span className="font-medium text-zinc-800 dark:text-zinc-100">{label}</span>
        </p>
        {user.isAdmin && (
          <Link href="/admin" className="block w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
            Admin: policies, all bins
          </Link>
        )}
        <Link href="/teams" className="block w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Teams
        </Link>
        <Link href="/account" className="block w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          API keys
        </Link>
        <button type="button" onClick={() => leave(false)} className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Sign out
        </button>
        <button type="button" onClick={() => leave(true)} className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          Sign out everywhere
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">Every browser and device signed in to this account</span>
        </button>
        {problem && (
          <p role="alert" className="px-2 py-1 text-xs text-rose-700 dark:text-rose-300">
            {problem}
          </p>
        )}
      </div>
    </details>
  );
}
