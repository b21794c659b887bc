"use client";
import { useState, type FormEvent } from "react";
import { addSecret, errorMessage, listSecrets, updateBin } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { DELIVERY_AUTH_SCHEME, type DeliveryAuthConfig, type DeliveryAuthMode } from "@/lib/client/owner-types";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { FormSection, SelectField, TextField } from "@/components/owner-tools/fields";

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const MODES: { value: DeliveryAuthMode; label: string }[] = [
  { value: "none", label: "None: anyone with the URL may send" },
  { value: "query", label: "Token in the URL (?auth=…)" },
  { value: "basic", label: "HTTP Basic (user and password)" },
  { value: "header", label: "Token in a header" },
];

interface DeliveryAuthSectionProps {
  binId: string;
  token: string;
  captureUrl: string;
  auth: DeliveryAuthConfig;
  onSaved(auth: DeliveryAuthConfig): void;
}

export function DeliveryAuthSection({ auth, ...props }: DeliveryAuthSectionProps) {
  return <DeliveryAuthForm {...props} saved={auth} />;
}

/** How a sender must call the capture URL, with placeholders instead of the real credential. */
function usage(mode: DeliveryAuthMode, headerName: string, captureUrl: string): string | null {
  if (mode === "query") return `${captureUrl}?auth=<token>`;
  if (mode === "header") return `${headerName || "X-Webhook-Token"}: <token>`;
  if (mode === "basic") return captureUrl.replace(/^(https?:\/\/)/, "$1<user>:<password>@");
  return null;
}

function DeliveryAuthForm({ binId, token, captureUrl, saved, onSaved }: Omit<DeliveryAuthSectionProps, "auth"> & { saved: DeliveryAuthConfig }) {
  const secrets = useLoad(`secrets:${binId}`, (signal) => listSecrets(binId, token, signal));
  const [mode, setMode] = useState(saved.mode);
  const [headerName, setHeaderName] = useState(saved.headerName ?? "X-Webhook-Token");
  const [onFailure, setOnFailure] = useState(saved.onFailure);
  const [credential, setCredential] = useState("");
  const [user, setUser] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  const stored = secrets.state.status === "ready" ? secrets.state.data.filter((s) => s.scheme === DELIVERY_AUTH_SCHEME) : [];
  const typed = mode === "basic" ? (user || credential ? `${user}:${credential}` : "") : credential;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem =
      mode === "header" && !HEADER_NAME.test(headerName.trim())
        ? "The header name may only contain letters, digits and !#$%&'*+-.^_`|~ (no spaces or colons)."
        : mode === "basic" && typed && (!user || user.includes(":") || !credential)
          ? "HTTP Basic needs a user name (without a colon) and a password."
          : typed && typed.length < 8
            ? "Use at least 8 characters: the credential is all that stands between the capture URL and anyone who knows it."
            : mode !== "none" && !typed && stored.length === 0
              ? mode === "basic"
                ? "Set the user name and password senders must use."
                : "Set the token senders must send."
              : null;
    if (problem) {
      setMessage({ tone: "error", text: problem });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      // The credential first: switching the mode on before it exists would refuse every sender.
      // The server keeps one delivery credential per bin, so a new one replaces the old.
      if (mode !== "none" && typed) await addSecret(binId, token, { scheme: DELIVERY_AUTH_SCHEME, secret: typed });
      const next: DeliveryAuthConfig = { mode, onFailure, headerName: mode === "header" ? headerName.trim() : saved.headerName };
      await updateBin(binId, token, { settings: { auth: next } });
      onSaved(next);
      setCredential("");
      setUser("");
      setMessage({
        tone: "success",
        text:
          mode === "none"
            ? "Delivery auth is off."
            : `Saved. Requests without the credential are now ${onFailure === "reject" ? "refused with 401" : "flagged"}.`,
      });
      secrets.reload();
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const example = usage(mode, headerName, captureUrl);
  return (
    <form noValidate onSubmit={submit} aria-label="Delivery auth">
      <FormSection title="Delivery auth" description="Make senders prove they are who you configured, beyond knowing the capture URL.">
        <SelectField<DeliveryAuthMode> label="Senders must send" className="max-w-md" value={mode} options={MODES} onValue={setMode} />
        {mode === "header" && <TextField label="Header name" className="max-w-md" mono value={headerName} onValue={setHeaderName} />}
        {mode === "basic" && <TextField label="User name" className="max-w-md" autoComplete="off" mono value={user} onValue={setUser} />}
        {mode !== "none" && (
          <TextField
            label={mode === "basic" ? "Password" : "Token"}
            className="max-w-md"
            type="password"
            autoComplete="new-password"
            mono
            value={credential}
            onValue={setCredential}
            hint={
              stored[0] ? (
                <>
                  Stored: <span className="font-mono">{stored[0].masked}</span>. Leave empty to keep it.
                </>
              ) : (
                "Not set yet."
              )
            }
          />
        )}
        {mode !== "none" && (
          <SelectField<DeliveryAuthConfig["onFailure"]>
            label="A request without it is"
            className="max-w-md"
            value={onFailure}
            options={[
              { value: "reject", label: "Refused with 401 (listed, marked rejected)" },
              { value: "flag", label: "Stored, and flagged in the Verify tab" },
            ]}
            onValue={setOnFailure}
          />
        )}
        {example && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Senders call: <code className="font-mono break-all text-zinc-700 dark:text-zinc-300">{example}</code>
          </p>
        )}
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : "Save delivery auth"}
        </Button>
      </FormSection>
    </form>
  );
}
