"use client";
import { useCallback, useEffect, useState } from "react";
import type { BinInfo } from "@/lib/api-types";
import { BinNotFoundError, getBin } from "./api";

export type BinInfoState =
  | { status: "loading" }
  | { status: "ready"; info: BinInfo }
  | { status: "not-found" }
  | { status: "error"; message: string };

/** Bin metadata and, through `role`, what this token may do; `replace` takes a fresher copy (after a rotate). */
export function useBinInfo(binId: string, token: string): BinInfoState & { replace(info: BinInfo): void } {
  const [state, setState] = useState<BinInfoState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setState({ status: "loading" });
    const controller = new AbortController();
    getBin(binId, token, controller.signal)
      .then((info) => setState({ status: "ready", info }))
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof BinNotFoundError) setState({ status: "not-found" });
        else setState({ status: "error", message: err instanceof Error ? err.message : String(err) });
      });
    return () => controller.abort();
  }, [binId, token, attempt]);

  // A failed load (server restarting, say) retries on its own rather than stranding the page.
  useEffect(() => {
    if (state.status !== "error") return;
    const timer = window.setTimeout(() => setAttempt((n) => n + 1), 3000);
    return () => window.clearTimeout(timer);
  }, [state.status]);

  const replace = useCallback((info: BinInfo) => setState({ status: "ready", info }), []);
  return { ...state, replace };
}
