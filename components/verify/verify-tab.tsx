"use client";
import type { RequestDetail } from "@/lib/shared/api-types";
import { getVerification, listSignatureSchemes } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import type { Verification } from "@/lib/client/owner-types";
import { isLoopback } from "@/lib/client/trust-words";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { VerdictBanner } from "./verdict-banner";
import { VerdictDetails } from "./verdict-details";

interface VerifyTabProps {
  binId: string;
  token: string;
  detail: RequestDetail;
  /** A share-link viewer: the server leaves out the expected signature, and secrets are the owner's business. */
  readOnly?: boolean;
}

export function VerifyTab({ binId, token, detail, readOnly = false }: VerifyTabProps) {
  const verdict = useLoad(`verify:${binId}:${detail.id}`, (signal) => getVerification(binId, token, detail.id, signal));
  // Only for the scheme's display name; the verdict stands without it.
  const schemes = useLoad("schemes", (signal) => listSignatureSchemes(token, signal));

  if (verdict.state.status === "loading") {
    return (
      <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        Checking the signature…
      </p>
    );
  }
  if (verdict.state.status === "error") {
    return (
      <div className="p-4">
        <Alert tone="error" title="Could not check this request">
          {verdict.state.message}
        </Alert>
      </div>
    );
  }
  const verification = verdict.state.data;
  const schemeName =
    verification.scheme && schemes.state.status === "ready"
      ? (schemes.state.data.find((s) => s.id === verification.scheme)?.name ?? verification.scheme)
      : verification.scheme;
  return (
    <div className="space-y-4 p-4">
      <VerdictBanner verification={verification} schemeName={schemeName} />
      {verification.status === "no_secret" && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          {readOnly
            ? "The bin's owner can add the provider's signing secret to check it."
            : "Add the provider's signing secret under Settings → Secrets, then check again."}
        </p>
      )}
      {verification.signature === "matches" && verification.freshness === "stale" && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          The bin&apos;s secret signed exactly these bytes, so this is by design a genuine delivery that arrived late or was sent again: a provider retry after
          an outage, or someone replaying a captured request. A receiver that enforces the window would refuse it.
        </p>
      )}
      <Duplicate verification={verification} />
      {verification.sourceFailure && (
        <Alert tone="warning" title="Outside the sender allow-list">
          {capitalize(verification.sourceFailure)}. Depending on the bin&apos;s setting the sender got a 403, or the request was only flagged.
        </Alert>
      )}
      {verification.authFailure && (
        <Alert tone="warning" title="Failed delivery auth">
          {capitalize(verification.authFailure)}. Depending on the bin&apos;s setting the sender got a 401, or the request was only flagged.
        </Alert>
      )}
      {verification.plainHttp && (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">Arrived over plain HTTP</span>
          {isLoopback(detail.remoteAddress)
            ? " from this machine: fine for a local test, nothing crossed the network."
            : ", not HTTPS: anyone on the way could read it, signature and all. Give the provider an https:// URL."}
        </p>
      )}
      <VerdictDetails verification={verification} />
      {readOnly && verification.signature === "mismatch" && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Shared view: the signature Hookscope computed with the bin&apos;s secret is shown to the owner only.
        </p>
      )}
      <Button size="sm" onClick={verdict.reload}>
        Check again
      </Button>
    </div>
  );
}

function Duplicate({ verification }: { verification: Verification }) {
  if (!verification.duplicateOf) return null;
  return (
    <Alert tone="warning" title="Seen before">
      Request <span className="font-mono">{verification.duplicateOf}</span> carried the same delivery (same delivery id, or the same body and signature): a
      retry by the provider, or a replay.
    </Alert>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
