"use client";
// One owner-only resource fetched for a view: loading, ready or failed.
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "./owner-api";

export type LoadState<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; message: string };

/** Loads again whenever `key` changes; `reload` refreshes in place (the old data stays until the new arrives). */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): { state: LoadState<T>; reload(): void } {
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
        setState({ status: "error", message: errorMessage(error) });
      },
    );
  }, []);

  useEffect(() => {
    setState({ status: "loading" });
    reload();
    return () => inFlight.current?.abort();
  }, [key, reload]);

  return { state, reload };
}
