"use client";
import { useBinAccess } from "@/lib/client/bin-access";
import { useOwnerLinkClaim } from "@/lib/client/use-owner-link";
import { BinUnavailable } from "./bin-unavailable";
import { InspectorSkeleton } from "./inspector-skeleton";
import { InspectorView } from "./inspector-view";

/** Picks the token for this bin (owner link, share fragment or stored owner token) before anything is fetched. */
export function Inspector({ binId }: { binId: string }) {
  const claim = useOwnerLinkClaim(binId);
  const access = useBinAccess(binId);
  if (claim === "checking" || access.kind === "pending") return <InspectorSkeleton />;
  if (claim === "invalid") return <BinUnavailable reason="not-found" />;
  if (access.kind === "none") return <BinUnavailable reason="private" />;
  // Keyed by token: switching from owner to a share link starts from a clean state.
  return <InspectorView key={access.token} binId={binId} token={access.token} />;
}
