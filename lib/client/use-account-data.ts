"use client";
// What the account pages load once signed in (its bins, keys, teams, every bin for an admin), with
// the same three states and a reload after a change.
import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "@/lib/shared/errors";
import { signedInUser, useMe, type MeState } from "./account";

export type AccountData<T> = { kind: "loading" } | { kind: "ready"; value: T } | { kind: "failed"; message: string };

/** `load` must be stable (a module-level function): a new one loads again. */
export function useAccountData<T>(load: (signal: AbortSignal) => Promise<T>): { me: MeState; signedIn: boolean; data: AccountData<T>; reload(): void } {
  const me = useMe();
  const user = signedInUser(me);
  const [data, setData] = useState<AccountData<T>>({ kind: "loading" });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    if (!user) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setData({ kind: "ready", value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setData({ kind: "failed", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [user, version, load]);

  return { me, signedIn: user !== null, data, reload };
}
