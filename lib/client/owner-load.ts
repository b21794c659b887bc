"use client";
// One owner-only resource fetched for a view: loading, ready or failed.
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "./owner-api";

export type LoadState<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; message: string };

export interface Loaded<T> {
  state: LoadState<T>;
  /** Loads again; the newest answer wins (an older one still in flight is dropped). */
  reload(): void;
  /** Changes the loaded data in place, e.g. from a live event, until the next load replaces it. */
  update(change: (data: T) => T): void;
}

/**
 * Loads again whenever `key` changes; `reload` refreshes in place (the old data stays until the new
 * arrives). A failed reload shows the error, unless `keepOnError`: then what is on screen stays and
 * only a failed first load shows it.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>, { keepOnError = false } = {}): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>({ status: "loading" });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const inFlight = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failed = { status: "error" as const, message: errorMessage(error) };
        setState((current) => (keepOnError && current.status === "ready" ? current : failed));
      },
    );
  }, [keepOnError]);

  const update = useCallback((change: (data: T) => T) => {
    setState((current) => (current.status === "ready" ? { status: "ready", data: change(current.data) } : current));
  }, []);

  useEffect(() => {
    setState({ status: "loading" });
    reload();
    return () => inFlight.current?.abort();
  }, [key, reload]);

  return { state, reload, update };
}
