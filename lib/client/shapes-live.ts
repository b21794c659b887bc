"use client";
// The Shapes drawer lives in the bin header, the live socket in the request list's hook: this tells an
// open drawer that the bin's shapes or schemas changed, so it re-reads them without a reload.
const listeners = new Map<string, Set<() => void>>();

export function notifyShapesChanged(binId: string): void {
  for (const listener of listeners.get(binId) ?? []) listener();
}

export function onShapesChanged(binId: string, listener: () => void): () => void {
  const own = listeners.get(binId) ?? new Set();
  own.add(listener);
  listeners.set(binId, own);
  return () => {
    own.delete(listener);
    if (own.size === 0) listeners.delete(binId);
  };
}
