"use client";
// Opening an owner link (`/bins/<id>#owner=<token>`) in a new browser: the token is checked, kept
// in this browser's bin list, and removed from the address bar and history at once.
import { useEffect, useState } from "react";
import { BinNotFoundError, getBin } from "./api";
import { ownerTokenFromHash } from "./bin-access";
import { getOwnerToken, saveOwnedBin } from "./bin-store";

export type OwnerLinkClaim = "checking" | "none" | "claimed" | "invalid";

export function useOwnerLinkClaim(binId: string): OwnerLinkClaim {
  const [claim, setClaim] = useState<OwnerLinkClaim>("checking");

  useEffect(() => {
    const token = ownerTokenFromHash(window.location.hash);
    if (!token) {
      setClaim("none");
      return;
    }
    // Out of the address bar before anything else: it must not linger in history or screenshots.
    // null state: Next adopts the new URL as its own, so it cannot write the token back later.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (getOwnerToken(binId) === token) {
      setClaim("claimed");
      return;
    }
    const controller = new AbortController();
    // Checked before storing, so a mistyped link never replaces a working owner token.
    getBin(binId, token, controller.signal)
      .then((info) => {
        if (info.role !== "owner") {
          setClaim("invalid");
          return;
        }
        saveOwnedBin({ id: binId, ownerToken: token, createdAt: info.createdAt });
        setClaim("claimed");
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setClaim(err instanceof BinNotFoundError ? "invalid" : "none");
      });
    return () => controller.abort();
  }, [binId]);

  return claim;
}
