// Which token opens the bin on this page: a share token from the URL fragment (read-only viewer)
// or the owner token this browser stored when it created the bin.
import { useMemo, useSyncExternalStore } from "react";
import { getOwnerToken, subscribeOwnedBins } from "./bin-store";

export type BinAccess = { kind: "pending" } | { kind: "none" } | { kind: "share"; token: string } | { kind: "owner"; token: string };

function fragmentParam(hash: string, name: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!fragment) return null;
  const token = new URLSearchParams(fragment).get(name);
  return token ? token : null;
}

/** The `share` parameter of a `#share=<token>` fragment, if any. */
export function shareTokenFromHash(hash: string): string | null {
  return fragmentParam(hash, "share");
}

/** The `owner` parameter of an owner link's `#owner=<token>` fragment, if any. */
export function ownerTokenFromHash(hash: string): string | null {
  return fragmentParam(hash, "owner");
}

export function resolveBinAccess(binId: string, hash: string): BinAccess {
  // An explicit share link wins, so an owner can open their own link to see what viewers see.
  const shareToken = shareTokenFromHash(hash);
  if (shareToken) return { kind: "share", token: shareToken };
  const ownerToken = getOwnerToken(binId);
  return ownerToken ? { kind: "owner", token: ownerToken } : { kind: "none" };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  const unsubscribe = subscribeOwnedBins(listener);
  return () => {
    window.removeEventListener("hashchange", listener);
    unsubscribe();
  };
}

const PENDING: BinAccess = { kind: "pending" };

/**
 * Access for this bin, re-evaluated when the fragment or stored bins change. The snapshot is a
 * string key so that useSyncExternalStore sees a stable value between changes.
 */
export function useBinAccess(binId: string): BinAccess {
  const key = useSyncExternalStore(
    subscribe,
    () => JSON.stringify(resolveBinAccess(binId, window.location.hash)),
    () => JSON.stringify(PENDING),
  );
  return useMemo(() => JSON.parse(key) as BinAccess, [key]);
}
