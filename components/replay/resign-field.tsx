"use client";
import type { ResignSummaryInfo } from "@/lib/shared/api-types";
import { listSecrets, listSignatureSchemes } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { DELIVERY_AUTH_SCHEME, type SignatureScheme, type StoredSecret } from "@/lib/client/owner-types";
import { SelectField, TextField } from "@/components/owner-tools/fields";

export interface ResignChoice {
  /** "" sends the captured signature as it is. */
  secretId: string;
  privateKey: string;
}

interface Option {
  secret: StoredSecret;
  scheme: SignatureScheme | undefined;
}

/** A public-key scheme can only be signed with the owner's private key (a whsk_ secret carries its own). */
function needsPrivateKey(option: Option | undefined): boolean {
  if (!option) return false;
  if (option.secret.masked.startsWith("whpk_")) return true;
  return option.scheme?.secret.kind === "public-key";
}

/** "Signature: as captured / re-signed with the bin's <scheme> secret", with a private key field when one is needed. */
export function ResignField({ binId, token, value, onChange }: { binId: string; token: string; value: ResignChoice; onChange(value: ResignChoice): void }) {
  const loaded = useLoad(`resign-secrets:${binId}`, async (signal) => {
    const [secrets, schemes] = await Promise.all([listSecrets(binId, token, signal), listSignatureSchemes(token, signal)]);
    return secrets
      .filter((secret) => secret.scheme !== DELIVERY_AUTH_SCHEME)
      .map((secret) => ({ secret, scheme: schemes.find((s) => s.id === secret.scheme) }));
  });
  if (loaded.state.status !== "ready" || loaded.state.data.length === 0) return null;
  const options = loaded.state.data;
  const chosen = options.find((option) => option.secret.id === value.secretId);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <SelectField
        label="Signature"
        className="min-w-60"
        value={value.secretId}
        onValue={(secretId) => onChange({ secretId, privateKey: "" })}
        hint={chosen ? "Signed again now, for the target URL: fresh timestamp, and a fresh id where the scheme signs one." : undefined}
        options={[
          { value: "", label: "As captured (the original signature)" },
          ...options.map(({ secret, scheme }) => ({
            value: secret.id,
            label: `Re-sign with the bin's ${scheme?.name ?? secret.scheme} secret (${secret.masked})`,
          })),
        ]}
      />
      {needsPrivateKey(chosen) && (
        <TextField
          label="Private key"
          className="min-w-60 flex-1"
          type="password"
          mono
          autoComplete="off"
          value={value.privateKey}
          onValue={(privateKey) => onChange({ ...value, privateKey })}
          hint="The provider's own key is not known: sign with a key pair of yours. Used for this request only, never stored."
        />
      )}
    </div>
  );
}

/** What the delivery log says re-signing changed ("Signed" for a test event, which had no signature before). */
export function ResignedNote({ resigned, verb = "Re-signed" }: { resigned: ResignSummaryInfo; verb?: "Re-signed" | "Signed" }) {
  const headers = [...resigned.replaced, ...resigned.added];
  const parts = [
    headers.length > 0 ? `set ${headers.join(", ")}` : null,
    resigned.bodyChanged ? "changed the body" : null,
    resigned.urlChanged ? "changed the URL" : null,
  ].filter((part) => part !== null);
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-300" aria-label={verb}>
      {verb} ({resigned.scheme}): {parts.join("; ")}
      {resigned.note ? ` (${resigned.note})` : ""}.
    </p>
  );
}
