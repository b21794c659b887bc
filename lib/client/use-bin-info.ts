"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { BinNotFoundError, getBin } from "./api";
import { errorMessage } from "@/lib/shared/errors";

export type BinInfoState = { status: "loading" } | { status: "ready"; info: BinInfo } | { status: "not-found" } | { status: "error"; message: string };

/** While requests keep arriving, the counts are re-read at most this often. */
const REFRESH_MS = 1_000;

/**
 * Bin metadata and, through `role`, what this token may do; `replace` takes a fresher copy (after a
 * rotate). `changeKey` changes when the bin gains or loses requests: the counts are then re-read.
 */
export function useBinInfo(binId: string, token: string, changeKey: string): BinInfoState & { replace(info: BinInfo): void } {
  const [state, setState] = useState<BinInfoState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  /** Bumped by `replace`: a re-read that started before it must not undo it. */
  const version = useRef(0);
  const lastRefresh = useRef(0);
  /** The key the info on hand reflects; null until the first load. */
  const loadedKey = useRef<string | null>(null);

  useEffect(() => {
    setState({ status: "loading" });
    const controller = new AbortController();
    getBin(binId, token, controller.signal)
      .then((info) => setState({ status: "ready", info }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof BinNotFoundError) setState({ status: "not-found" });
        else setState({ status: "error", message: errorMessage(err) });
      });
    return () => controller.abort();
  }, [binId, token, attempt]);

  // A failed load (server restarting, say) retries on its own rather than stranding the page.
  useEffect(() => {
    if (state.status !== "error") return;
    const timer = window.setTimeout(() => setAttempt((n) => n + 1), 3000);
    return () => window.clearTimeout(timer);
  }, [state.status]);

  const ready = state.status === "ready";
  useEffect(() => {
    if (!ready || loadedKey.current === changeKey) return;
    // The first load has just read the counts: only later changes need a re-read.
    if (loadedKey.current === null) {
      loadedKey.current = changeKey;
      return;
    }
    loadedKey.current = changeKey;
    const started = version.current;
    // Not aborted when the key changes again: in a burst that would cancel every re-read.
    const timer = window.setTimeout(
      () => {
        lastRefresh.current = Date.now();
        getBin(binId, token)
          .then((info) => {
            if (version.current === started) setState({ status: "ready", info });
          })
          .catch(() => {
            // The page's own requests report a gone bin or token; a missed count is re-read next time.
          });
      },
      Math.max(0, lastRefresh.current + REFRESH_MS - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [binId, token, changeKey, ready]);

  const replace = useCallback((info: BinInfo) => {
    version.current++;
    setState({ status: "ready", info });
  }, []);
  return { ...state, replace };
}
