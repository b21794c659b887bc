"use client";
// The inspector's address: `/bins/<binId>` for a bin, `/bins/<binId>/<requestId>` for one of its
// requests. Written with history.pushState/replaceState, which Next's router adopts without a
// navigation, so the inspector (its list, socket and scroll position) stays mounted.
import { useMemo, useSyncExternalStore } from "react";

export function inspectorPath(binId: string, requestId: string | null = null): string {
  const bin = `/bins/${encodeURIComponent(binId)}`;
  return requestId === null ? bin : `${bin}/${encodeURIComponent(requestId)}`;
}

/** The request named by `pathname`, or null on the bin's own address (or another page). */
export function requestIdFromPath(pathname: string, binId: string): string | null {
  const prefix = `${inspectorPath(binId)}/`;
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (rest === "" || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/** What the inspector writes into the history entries it makes. */
interface EntryMark {
  /** Pushed over another inspector entry: Back from it stays in the inspector. */
  pushed: boolean;
  /** Unique per entry written: tells the entry the inspector is on from one Back/Forward led to. */
  entry: string;
}

const MARK_KEY = "hookscopeInspector";
const PAGE_LOAD = Math.random().toString(36).slice(2);
let written = 0;
const listeners = new Set<() => void>();

function entryMark(): EntryMark | null {
  const state: unknown = window.history.state;
  if (typeof state !== "object" || state === null) return null;
  const mark = (state as Record<string, unknown>)[MARK_KEY];
  return typeof mark === "object" && mark !== null && typeof (mark as EntryMark).entry === "string" ? (mark as EntryMark) : null;
}

/**
 * Points the address bar at a request (or at the bin, for null). "push" makes a Back/Forward step;
 * "replace" is for selections the user did not make. The fragment stays: it carries a share token.
 */
export function showInUrl(binId: string, requestId: string | null, mode: "push" | "replace"): void {
  const url = inspectorPath(binId, requestId) + window.location.search + window.location.hash;
  const mark: EntryMark = { pushed: mode === "push" || wasPushedByInspector(), entry: `${PAGE_LOAD}:${++written}` };
  if (mode === "push") window.history.pushState({ [MARK_KEY]: mark }, "", url);
  else window.history.replaceState({ [MARK_KEY]: mark }, "", url);
  currentEntry = mark.entry;
  for (const listener of listeners) listener();
}

export function wasPushedByInspector(): boolean {
  return entryMark()?.pushed === true;
}

/** The entry the inspector last wrote or saw; undefined until first read. */
let currentEntry: string | null | undefined;
/** Back/Forward steps seen so far. */
let traversals = 0;

/**
 * Counts a step whenever the current history entry is not the one the inspector wrote or saw last.
 * Read from the entry itself, not from popstate: Next's router re-renders for a traversal before
 * popstate listeners run, and such a render must already know the address changed by a step.
 */
function snapshot(): string {
  const entry = entryMark()?.entry ?? null;
  if (currentEntry === undefined) currentEntry = entry;
  else if (entry !== currentEntry) {
    currentEntry = entry;
    traversals++;
  }
  return `${traversals} ${window.location.pathname}`;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export interface RequestInUrl {
  /** The request the address names, or null on the bin's own address. */
  requestId: string | null;
  /** Changes on every Back/Forward step, and only then. */
  traversal: number;
}

/** The address bar's request, following showInUrl and Back/Forward. */
export function useRequestInUrl(binId: string): RequestInUrl {
  // A string snapshot: stable between changes, as useSyncExternalStore needs.
  const key = useSyncExternalStore(subscribe, snapshot, () => "0 ");
  return useMemo(() => {
    const space = key.indexOf(" ");
    return { requestId: requestIdFromPath(key.slice(space + 1), binId), traversal: Number(key.slice(0, space)) };
  }, [key, binId]);
}
