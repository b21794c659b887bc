// The signed-in account as this browser sees it: read once per page load from /api/me, shared by
// every component that asks (header, home page, inspector).
import { useSyncExternalStore } from "react";
import {
  AccountBinListSchema,
  AdminBinListSchema,
  ApiKeyInfoSchema,
  ApiKeyListSchema,
  BinInfoSchema,
  CreatedApiKeySchema,
  MeSchema,
  InstancePolicySchema,
  SignOutResultSchema,
} from "@/lib/shared/contract";
import type { AccountBinList, AdminBinList, ApiKeyInfo, ApiKeyList, BinInfo, CreatedApiKey, InstancePolicy, Me } from "@/lib/shared/api-types";
import type { OutboundRole } from "@/lib/shared/instance-policy";
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
  if (state.kind === "ready") setState({ kind: "ready", me: { ...state.me, user: null } });
}

export function listAccountBins(signal?: AbortSignal): Promise<AccountBinList> {
  return json(AccountBinListSchema, "/api/me/bins", { signal });
}

/** Attaches a bin this browser owns by token to the signed-in account. */
export function claimBin(binId: string, ownerToken: string): Promise<BinInfo> {
  return json(BinInfoSchema, `${binPath(binId)}/claim`, { method: "POST", token: ownerToken, json: {} });
}

export function listApiKeys(signal?: AbortSignal): Promise<ApiKeyList> {
  return json(ApiKeyListSchema, "/api/me/api-keys", { signal });
}

export function createApiKey(name: string, scope: "read" | "write"): Promise<CreatedApiKey> {
  return json(CreatedApiKeySchema, "/api/me/api-keys", { method: "POST", json: { name, scope } });
}

export function revokeApiKey(keyId: string): Promise<ApiKeyInfo> {
  return json(ApiKeyInfoSchema, `/api/me/api-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" });
}

export function listAllBins(signal?: AbortSignal): Promise<AdminBinList> {
  return json(AdminBinListSchema, "/api/admin/bins", { signal });
}

export function getInstancePolicy(signal?: AbortSignal): Promise<InstancePolicy> {
  return json(InstancePolicySchema, "/api/admin/policy", { signal });
}

export function setInstancePolicy(privateTargetRoles: OutboundRole[]): Promise<InstancePolicy> {
  return json(InstancePolicySchema, "/api/admin/policy", { method: "PUT", json: { privateTargetRoles } });
}
