"use client";
import { useState, type FormEvent } from "react";
import { addSecret, errorMessage } from "@/lib/client/owner-api";
import { GENERIC_HMAC_SCHEME, type NewSecret, type SignatureScheme } from "@/lib/client/owner-types";
import { takesSignedUrl as schemeTakesSignedUrl } from "@/lib/shared/signature-types";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { Alert } from "@/components/owner-tools/alert";
import { FormSection, SelectField, TextField } from "@/components/owner-tools/fields";
import { GENERIC_DEFAULTS, genericOptions, GenericHmacFields, type GenericHmacForm } from "./generic-hmac-fields";

interface AddSecretFormProps {
  binId: string;
  token: string;
  /** The bin's capture URL as this server sees it: the example for a signed URL. */
  captureUrl?: string;
  schemes: SignatureScheme[];
  onAdded(): void;
}

/** Why a signed URL would be refused: it must be http(s), with no query or fragment (those come from the request). */
function signedUrlProblem(text: string): string | null {
  if (!URL.canParse(text)) return "The signed URL must be a full URL, such as https://hooks.example.com/h/<bin>.";
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The signed URL must start with https:// or http://.";
  if (text.includes("?") || text.includes("#")) return "Leave the query out of the signed URL: the captured query is appended to it.";
  return null;
}

export function AddSecretForm({ binId, token, captureUrl, schemes, onAdded }: AddSecretFormProps) {
  const [schemeId, setSchemeId] = useState(schemes[0]?.id ?? "");
  const [secret, setSecret] = useState("");
  const [tolerance, setTolerance] = useState("");
  const [signedUrl, setSignedUrl] = useState("");
  const [generic, setGeneric] = useState<GenericHmacForm>(GENERIC_DEFAULTS);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const scheme = schemes.find((s) => s.id === schemeId);
  const isGeneric = schemeId === GENERIC_HMAC_SCHEME;
  // Schemes that sign the URL check it against the one the provider called; a proxy in between can change it.
  const takesSignedUrl = scheme !== undefined && schemeTakesSignedUrl(scheme);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !secret.trim()
      ? `Enter the ${scheme?.secret.label.toLowerCase() ?? "secret"}.`
      : tolerance.trim() && !/^\d+$/.test(tolerance.trim())
        ? "Tolerance is a whole number of seconds (0 turns the timestamp check off)."
        : isGeneric && !generic.header.trim()
          ? "Name the header that carries the signature."
          : takesSignedUrl && signedUrl.trim()
            ? signedUrlProblem(signedUrl.trim())
            : null;
    if (problem) {
      setMessage({ tone: "error", text: problem });
      return;
    }
    const body: NewSecret = { scheme: schemeId, secret };
    if (tolerance.trim()) body.toleranceSeconds = Number(tolerance.trim());
    if (isGeneric) body.options = genericOptions(generic);
    if (takesSignedUrl && signedUrl.trim()) body.signedUrl = signedUrl.trim();
    setBusy(true);
    setMessage(null);
    try {
      await addSecret(binId, token, body);
      setSecret("");
      setSignedUrl("");
      setMessage({ tone: "success", text: `${scheme?.name ?? schemeId} secret added.` });
      onAdded();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Add a secret">
      <FormSection title="Add a secret" description={scheme && scheme.headers.length > 0 ? <>Reads {scheme.headers.join(", ")}.</> : undefined}>
        <div className="grid gap-4 sm:grid-cols-[14rem_minmax(0,1fr)]">
          <SelectField label="Provider" value={schemeId} options={schemes.map((s) => ({ value: s.id, label: s.name }))} onValue={setSchemeId} />
          <TextField
            label={scheme?.secret.label ?? "Secret"}
            type="password"
            autoComplete="off"
            mono
            value={secret}
            onValue={setSecret}
            placeholder={scheme?.secret.example}
            hint={scheme?.secret.kind === "public-key" ? "A public key: safe to paste, it cannot sign." : "Stored on the server; shown masked from now on."}
          />
        </div>
        {isGeneric && <GenericHmacFields value={generic} onChange={setGeneric} />}
        {takesSignedUrl && (
          <TextField
            label="Signed URL (the public URL the provider was given)"
            type="url"
            inputMode="url"
            autoComplete="off"
            mono
            value={signedUrl}
            onValue={setSignedUrl}
            placeholder={captureUrl ?? "https://hooks.example.com/h/<bin>"}
            hint={
              <>
                Optional. {scheme?.signsUrl ? `${scheme.name} signs the URL it calls` : "What {url} stands for in the signed template"}: the captured subpath
                and query are appended to it. Leave it empty to rebuild the URL from the request, which is right unless a proxy or tunnel changes the host or
                scheme.
              </>
            }
          />
        )}
        <TextField
          label="Timestamp tolerance (seconds, optional)"
          className="max-w-72"
          inputMode="numeric"
          mono
          value={tolerance}
          onValue={setTolerance}
          hint={`${scheme?.window ? `The provider's window: ${scheme.window}. ` : ""}0 turns the timestamp check off.`}
        />
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Button type="submit" disabled={busy || !schemeId}>
          <PlusIcon className="size-3.5" /> {busy ? "Adding…" : "Add secret"}
        </Button>
      </FormSection>
    </form>
  );
}
