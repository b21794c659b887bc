"use client";
import { useState, type FormEvent } from "react";
import type { TestEventResult } from "@/lib/shared/api-types";
import { TEST_EVENT_TEMPLATES } from "@/lib/shared/test-events";
import { errorMessage, listSecrets, listSignatureSchemes, sendTestEvent } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { DELIVERY_AUTH_SCHEME, type SignatureScheme, type StoredSecret } from "@/lib/client/owner-types";
import { isHttpUrl } from "@/lib/client/owner-settings-form";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { SelectField, TextAreaField, TextField } from "@/components/owner-tools/fields";
import { SendIcon } from "@/components/owner-tools/icons";
import { AttemptOutcome } from "@/components/replay/attempt-outcome";
import { ResignedNote } from "@/components/replay/resign-field";

interface Option {
  secret: StoredSecret;
  scheme: SignatureScheme | undefined;
}

/** A signed test event for one of the bin's secrets: template body (editable), to the bin or a target. */
export function TestEventForm({ binId, token }: { binId: string; token: string }) {
  const loaded = useLoad(`test-event-secrets:${binId}`, async (signal) => {
    const [secrets, schemes] = await Promise.all([listSecrets(binId, token, signal), listSignatureSchemes(token, signal)]);
    return secrets
      .filter((secret) => secret.scheme !== DELIVERY_AUTH_SCHEME)
      .map((secret) => ({ secret, scheme: schemes.find((s) => s.id === secret.scheme) }));
  });
  if (loaded.state.status === "loading") return <p role="status">Loading…</p>;
  if (loaded.state.status === "error")
    return (
      <Alert tone="error" title="Could not load the bin's secrets">
        {loaded.state.message}
      </Alert>
    );
  if (loaded.state.data.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        A test event is signed with one of the bin&apos;s signature secrets: add one in Settings → Signatures first.
      </p>
    );
  }
  return <Form binId={binId} token={token} options={loaded.state.data} />;
}

function templateFor(option: Option | undefined): string {
  return option?.scheme ? TEST_EVENT_TEMPLATES[option.scheme.id].body : "";
}

function Form({ binId, token, options }: { binId: string; token: string; options: Option[] }) {
  const [secretId, setSecretId] = useState(options[0]!.secret.id);
  const chosen = options.find((option) => option.secret.id === secretId);
  const [body, setBody] = useState(() => templateFor(options[0]));
  const [target, setTarget] = useState("");
  const [privateKey, setPrivateKey] = useState("");
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [targetError, setTargetError] = useState<string | undefined>();
  const [result, setResult] = useState<TestEventResult | null>(null);
  const needsKey = chosen ? chosen.secret.masked.startsWith("whpk_") || chosen.scheme?.secret.kind === "public-key" : false;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const targetUrl = target.trim();
    if (targetUrl && !isHttpUrl(targetUrl)) {
      setTargetError("The target is an http:// or https:// URL, or empty to send to this bin");
      return;
    }
    setTargetError(undefined);
    setSending(true);
    setFailure(null);
    try {
      setResult(
        await sendTestEvent(binId, token, {
          secretId,
          body,
          ...(targetUrl ? { targetUrl } : {}),
          ...(privateKey.trim() ? { privateKey: privateKey.trim() } : {}),
        }),
      );
    } catch (error) {
      setFailure(errorMessage(error));
      setResult(null);
    } finally {
      setSending(false);
    }
  };

  const attempt = result?.delivery?.attemptLog.at(-1);
  return (
    <form noValidate onSubmit={send} aria-label="Signed test event" className="space-y-4">
      <SelectField
        label="Sign with"
        value={secretId}
        onValue={(id) => {
          setSecretId(id);
          setBody(templateFor(options.find((option) => option.secret.id === id)));
          setPrivateKey("");
          setResult(null);
        }}
        options={options.map(({ secret, scheme }) => ({ value: secret.id, label: `The bin's ${scheme?.name ?? secret.scheme} secret (${secret.masked})` }))}
      />
      {needsKey && (
        <TextField
          label="Private key"
          type="password"
          mono
          autoComplete="off"
          value={privateKey}
          onValue={setPrivateKey}
          hint="A public-key scheme is signed with a key pair of yours whose public half is the configured key. Used once, never stored."
        />
      )}
      <TextAreaField
        label="Body"
        rows={10}
        className="font-mono"
        value={body}
        onValue={setBody}
        hint="The scheme's template; edit it freely. The signature is computed when it is sent."
      />
      <TextField
        label="Target URL"
        type="url"
        mono
        placeholder="empty: this bin"
        value={target}
        onValue={setTarget}
        error={targetError}
        hint="Empty: the event is captured in this bin. A URL: captured here, then sent there, re-signed for that URL."
      />
      <Button type="submit" variant="primary" disabled={sending}>
        <SendIcon className="size-3.5" /> {sending ? "Sending…" : "Send signed event"}
      </Button>
      {failure && (
        <Alert tone="error" title="Not sent">
          {failure}
        </Alert>
      )}
      {result && (
        <section aria-label="Test event result" className="space-y-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <p>
            Captured in the bin as <span className="font-mono">{result.request.path || "/"}</span>: signature{" "}
            <strong>{result.request.verdict === "valid" ? "valid" : result.request.verdict}</strong>.
          </p>
          <ResignedNote resigned={result.signed} verb="Signed" />
          {result.delivery && attempt && <AttemptOutcome attempt={attempt} targetUrl={result.delivery.targetUrl} />}
        </section>
      )}
    </form>
  );
}
