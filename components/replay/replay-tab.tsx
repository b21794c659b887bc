"use client";
import { useState, type FormEvent } from "react";
import type { DeliveryDetail, RequestDetail } from "@/lib/api-types";
import { errorMessage, getBinSettings, replayRequest } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { buildReplay, replayFormFor, type ReplayForm } from "@/lib/client/owner-replay";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { Checkbox, TextField } from "@/components/owner-tools/fields";
import { HeaderListEditor } from "@/components/owner-tools/header-list-editor";
import { SendIcon } from "@/components/owner-tools/icons";
import { AttemptOutcome } from "./attempt-outcome";
import { ReplayBodyField } from "./replay-body-field";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** The target used last in this page, per bin: newer than the server's hint once a replay was sent. */
const lastTargets = new Map<string, string>();

interface ReplayTabProps {
  binId: string;
  token: string;
  detail: RequestDetail;
}

export function ReplayTab({ binId, token, detail }: ReplayTabProps) {
  const remembered = lastTargets.get(binId);
  const hint = useLoad(`replay-target:${binId}`, async (signal) => {
    if (remembered) return remembered;
    const target = (await getBinSettings(binId, token, signal)).lastReplayTarget;
    if (target) lastTargets.set(binId, target);
    return target;
  });
  if (hint.state.status === "loading") {
    return (
      <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        Loading…
      </p>
    );
  }
  // Without the hint the form still works: the owner types the target.
  const lastTarget = hint.state.status === "ready" ? hint.state.data : null;
  return <ReplayPanel binId={binId} token={token} detail={detail} lastTarget={lastTarget} />;
}

function ReplayPanel({ binId, token, detail, lastTarget }: ReplayTabProps & { lastTarget: string | null }) {
  const [form, setForm] = useState<ReplayForm>(() => replayFormFor(detail, lastTarget));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<DeliveryDetail | null>(null);
  const [headersOpen, setHeadersOpen] = useState(false);
  const update = (change: Partial<ReplayForm>) => setForm((current) => ({ ...current, ...change }));

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, replay } = buildReplay(form, detail);
    setErrors(found);
    if (Object.keys(found).some((path) => path.startsWith("headers"))) setHeadersOpen(true);
    if (!replay) return;
    setSending(true);
    setFailure(null);
    try {
      const delivery = await replayRequest(binId, token, detail.id, replay);
      lastTargets.set(binId, replay.targetUrl);
      setResult(delivery);
    } catch (error) {
      // A refused target is a result, not this; this is the server refusing the request itself (400).
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  const headerErrors = Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith("headers.") ? [[path.slice(8), message]] : [])));
  const attempt = result?.attemptLog.at(-1);
  return (
    <form noValidate onSubmit={send} aria-label="Replay" className="space-y-4 p-4">
      <div className="flex flex-wrap items-start gap-2">
        <TextField
          label="Method"
          className="w-28"
          list="hookscope-methods"
          mono
          value={form.method}
          onValue={(method) => update({ method })}
          error={errors.method}
        />
        <datalist id="hookscope-methods">
          {METHODS.map((method) => (
            <option key={method} value={method} />
          ))}
        </datalist>
        <TextField
          label="Target URL"
          className="min-w-60 flex-1"
          type="url"
          mono
          placeholder="http://localhost:3000/api/webhooks"
          value={form.targetUrl}
          onValue={(targetUrl) => update({ targetUrl })}
          error={errors.targetUrl}
        />
        <Button type="submit" variant="primary" className="mt-5" disabled={sending}>
          <SendIcon className="size-3.5" /> {sending ? "Sending…" : "Send"}
        </Button>
      </div>
      <Checkbox
        label="Follow redirects"
        checked={form.followRedirects}
        onChecked={(followRedirects) => update({ followRedirects })}
        hint="Webhook senders usually do not, so by default neither does a replay."
      />
      {failure && (
        <Alert tone="error" title="Not sent">
          {failure}
        </Alert>
      )}
      {result && attempt && (
        <section aria-label="Replay result" className={attempt.status === null ? "" : "rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"}>
          <AttemptOutcome attempt={attempt} targetUrl={result.targetUrl} />
        </section>
      )}
      <details open={headersOpen} onToggle={(event) => setHeadersOpen(event.currentTarget.open)} className="rounded-lg border border-zinc-200 dark:border-zinc-800">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium select-none">
          Headers <span className="font-normal text-zinc-500 dark:text-zinc-400">({form.headers.length}, as captured unless edited)</span>
        </summary>
        <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">
          <HeaderListEditor label="Replay headers" rows={form.headers} onChange={(headers) => update({ headers })} errors={headerErrors} />
          <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Host, Content-Length and hop-by-hop headers are set for the new target.</p>
        </div>
      </details>
      <ReplayBodyField detail={detail} form={form} onChange={update} />
    </form>
  );
}
