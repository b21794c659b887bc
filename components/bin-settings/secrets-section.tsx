"use client";
import { useState } from "react";
import { deleteSecret, errorMessage, listSecrets, listSignatureSchemes } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { DELIVERY_AUTH_SCHEME, type SignatureScheme, type StoredSecret } from "@/lib/client/owner-types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TrashIcon } from "@/components/ui/icons";
import { Alert } from "@/components/owner-tools/alert";
import { FormSection } from "@/components/owner-tools/fields";
import { AddSecretForm } from "./add-secret-form";

export function SecretsSection({ binId, token, captureUrl }: { binId: string; token: string; captureUrl?: string }) {
  const secrets = useLoad(`secrets:${binId}`, (signal) => listSecrets(binId, token, signal));
  const schemes = useLoad("schemes", (signal) => listSignatureSchemes(token, signal));

  if (secrets.state.status === "error")
    return (
      <Alert tone="error" title="Could not load the secrets">
        {secrets.state.message}
      </Alert>
    );
  if (schemes.state.status === "error")
    return (
      <Alert tone="error" title="Could not load the signature schemes">
        {schemes.state.message}
      </Alert>
    );
  if (secrets.state.status === "loading" || schemes.state.status === "loading")
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading secrets…</p>;

  const catalogue = schemes.state.data;
  // The delivery-auth credential is stored alongside, but managed in its own tab.
  const signing = secrets.state.data.filter((secret) => secret.scheme !== DELIVERY_AUTH_SCHEME);
  return (
    <>
      <FormSection
        title="Signing secrets"
        description="With the provider's secret, the Verify tab of each request says whether its signature is valid, and if not, why. Values are never shown again after saving."
      >
        {signing.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
            No secrets yet: requests are checked for a signature, but not verified.
          </p>
        ) : (
          <ul aria-label="Signing secrets" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {signing.map((secret) => (
              <SecretRow
                key={secret.id}
                secret={secret}
                scheme={catalogue.find((s) => s.id === secret.scheme)}
                onRemove={() => deleteSecret(binId, token, secret.id).then(secrets.reload)}
              />
            ))}
          </ul>
        )}
      </FormSection>
      <hr className="border-zinc-200 dark:border-zinc-800" />
      <AddSecretForm binId={binId} token={token} captureUrl={captureUrl} schemes={catalogue} onAdded={secrets.reload} />
    </>
  );
}

function describeOptions(secret: StoredSecret): string | null {
  const o = secret.options;
  if (!o) return null;
  return [o.algorithm && `HMAC-${String(o.algorithm).toUpperCase()}`, o.header && `in ${o.header}`, o.encoding, o.template && `over ${o.template}`]
    .filter(Boolean)
    .join(", ");
}

function SecretRow({ secret, scheme, onRemove }: { secret: StoredSecret; scheme: SignatureScheme | undefined; onRemove(): Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = scheme?.name ?? secret.scheme;
  const options = describeOptions(secret);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await onRemove();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <li className="flex items-center gap-3 px-3 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium">{name}</p>
        <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">
          <span className="font-mono text-zinc-700 dark:text-zinc-300">{secret.masked}</span>
          {secret.toleranceSeconds !== undefined && <> · tolerance {secret.toleranceSeconds} s</>}
          {options && <> · {options}</>}
        </p>
        {secret.signedUrl && (
          <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400" title={secret.signedUrl}>
            Signed URL <span className="font-mono text-zinc-700 dark:text-zinc-300">{secret.signedUrl}</span>
          </p>
        )}
      </div>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Remove the ${name} secret ${secret.masked}`}>
        <TrashIcon className="size-3.5" /> Remove
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Remove the ${name} secret?`}
        confirmLabel="Remove secret"
        busy={busy}
        error={error}
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        Requests are no longer verified with <span className="font-mono">{secret.masked}</span>. To verify again you need the secret value from the provider.
      </ConfirmDialog>
    </li>
  );
}
