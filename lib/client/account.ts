// The signed-in account as this browser sees it: read once per page load from /api/me, shared by
// every component that asks (header, home page, inspector).
import { useSyncExternalStore } from "react";
import { AccountBinListSchema, BinInfoSchema, MeSchema, SignOutResultSchema } from "@/lib/shared/contract";
import type { AccountBinList, BinInfo, Me } from "@/lib/shared/api-types";
import { binPath, json } from "./api";

export type MeState = { kind: "loading" } | { kind: "ready"; me: Me } | { kind: "failed" };

let state: MeState = { kind: "loading" };
let started = false;
const listeners = new Set<() => void>();

function setState(next: MeState): void {
  state = next;
  for (const listener of listeners) listener();
}

function load(): void {
  if (started) return;
  started = true;
  json(MeSchema, "/api/me", {})
    .then((me) => setState({ kind: "ready", me }))
    .catch(() => setState({ kind: "failed" }));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  load();
  return () => listeners.delete(listener);
}

const LOADING: MeState = { kind: "loading" };

export function useMe(): MeState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => LOADING,
  );
}

export function signedInUser(me: MeState): Me["user"] {
  return me.kind === "ready" ? me.me.user : null;
}

/** Where the sign-in link goes: the provider, then back to this page. */
export function signInHref(returnTo: string): string {
  return `/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}

export async function signOut(everywhere: boolean): Promise<void> {
  await json(SignOutResultSchema, "/api/auth/logout", { method: "POST", json: { everywhere } });
  setState({ kind: "ready", me: { signIn: { enabled: true }, user: null } });
}

export function listAccountBins(signal?: AbortSignal): Promise<AccountBinList> {
  return json(AccountBinListSchema, "/api/me/bins", { signal });
}

/** Attaches a bin this browser owns by token to the signed-in account. */
export function claimBin(binId: string, ownerToken: string): Promise<BinInfo> {
  return json(BinInfoSchema, `${binPath(binId)}/claim`, { method: "POST", token: ownerToken, json: {} });
}
