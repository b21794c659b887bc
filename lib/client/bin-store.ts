// The bins this browser created, with their owner tokens. The owner token exists nowhere else
// (the server keeps only its hash), so this list is the only way back into an owned bin.
import { useSyncExternalStore } from "react";

export interface OwnedBin {
  id: string;
  ownerToken: string;
  createdAt: string;
}

export const OWNED_BINS_KEY = "hookscope:bins";

const listeners = new Set<() => void>();
const EMPTY: readonly OwnedBin[] = Object.freeze([]);

// useSyncExternalStore needs the same array back while storage is unchanged, so cache by raw string.
let cachedRaw: string | null = null;
let cachedBins: readonly OwnedBin[] = EMPTY;

function isOwnedBin(value: unknown): value is OwnedBin {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === "string" && typeof v.ownerToken === "string" && typeof v.createdAt === "string";
}

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(OWNED_BINS_KEY);
  } catch {
    // Storage can be disabled (privacy mode, sandboxed frame): behave as an empty list.
    return null;
  }
}

export function readOwnedBins(): readonly OwnedBin[] {
  const raw = readRaw();
  if (raw === cachedRaw) return cachedBins;
  cachedRaw = raw;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    cachedBins = Array.isArray(parsed) ? parsed.filter(isOwnedBin) : EMPTY;
  } catch {
    cachedBins = EMPTY;
  }
  return cachedBins;
}

function write(bins: readonly OwnedBin[]): void {
  try {
    window.localStorage.setItem(OWNED_BINS_KEY, JSON.stringify(bins));
  } catch {
    // Quota or disabled storage: the bin still works for this page view.
  }
  for (const listener of listeners) listener();
}

export function saveOwnedBin(bin: OwnedBin): void {
  write([bin, ...readOwnedBins().filter((b) => b.id !== bin.id)]);
}

export function forgetOwnedBin(binId: string): void {
  write(readOwnedBins().filter((b) => b.id !== binId));
}

export function getOwnerToken(binId: string): string | null {
  return readOwnedBins().find((b) => b.id === binId)?.ownerToken ?? null;
}

/** Calls `listener` whenever the stored bins change, in this tab or another. */
export function subscribeOwnedBins(listener: () => void): () => void {
  listeners.add(listener);
  // Other tabs change the list too; the storage event only fires there, not in the writing tab.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === OWNED_BINS_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** Owned bins, newest first. Empty during server rendering and the first client render. */
export function useOwnedBins(): readonly OwnedBin[] {
  return useSyncExternalStore(subscribeOwnedBins, readOwnedBins, () => EMPTY);
}

/** False until hydration is over, so callers can tell "no bins" from "not read yet". */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}

const noopSubscribe = () => () => {};
