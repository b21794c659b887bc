"use client";
import { signedInUser, useMe } from "@/lib/client/account";
import { useBinAccess } from "@/lib/client/bin-access";
import { useOwnerLinkClaim } from "@/lib/client/use-owner-link";
import { BinUnavailable } from "./bin-unavailable";
import { InspectorSkeleton } from "./inspector-skeleton";
import { InspectorView } from "./inspector-view";

/** Picks the token for this bin (owner link, share fragment or stored owner token) before anything is fetched. */
export function Inspector({ binId }: { binId: string }) {
  const claim = useOwnerLinkClaim(binId);
  const access = useBinAccess(binId);
  const me = useMe();
  if (claim === "checking" || access.kind === "pending") return <InspectorSkeleton />;
  if (claim === "invalid") return <BinUnavailable reason="not-found" />;
  if (access.kind === "none") {
    if (me.kind === "loading") return <InspectorSkeleton />;
    // No token here: a signed-in account may still own the bin (the server decides; an empty token sends the session).
    if (signedInUser(me)) return <InspectorView key="account" binId={binId} token="" />;
    return <BinUnavailable reason="private" signInEnabled={me.kind === "ready" && me.me.signIn.enabled} />;
  }
  // Keyed by token: switching from owner to a share link starts from a clean state.
  return <InspectorView key={access.token} binId={binId} token={access.token} />;
}
