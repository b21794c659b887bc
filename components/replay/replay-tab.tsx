"use client";
import { useState, type FormEvent } from "react";
import type { DeliveryDetail, ForwarderInfo, RequestDetail } from "@/lib/shared/api-types";
import { errorMessage, getBinSettings, replayRequest, sendThroughForwarder } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { buildPush, buildReplay, replayFormFor, type ReplayForm, type ReplayVia } from "@/lib/client/owner-replay";
import { connectedForwarders, useForwarders } from "@/lib/client/use-forwarders";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { Checkbox, TextField } from "@/components/owner-tools/fields";
import { HeaderListEditor } from "@/components/owner-tools/header-list-editor";
import { SendIcon } from "@/components/owner-tools/icons";
import { AttemptOutcome } from "./attempt-outcome";
import { ConnectCliHint } from "./connect-cli-hint";
import { ReplayBodyField } from "./replay-body-field";
import { ReplayViaPicker } from "./replay-via-picker";
import { ResignedNote, ResignField } from "./resign-field";
import { UseCliInstead } from "./use-cli-instead";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** The target used last in this page, per bin: newer than the server's hint once a replay was sent. */
const lastTargets = new Map<string, string>();
/** Whether the last replay in this page went to a URL or through a CLI, per bin. */
const lastVias = new Map<string, ReplayVia>();

interface ReplayTabProps {
  binId: string;
  token: string;
  /** The app's public origin, for the owner link in the `hookscope forward` command. */
  origin: string;
  detail: RequestDetail;
}

export function ReplayTab({ binId, token, origin, detail }: ReplayTabProps) {
  const remembered = lastTargets.get(binId);
  const hint = useLoad(`replay-target:${binId}`, async (signal) => {
    if (remembered) return remembered;
    const target = (await getBinSettings(binId, token, signal)).lastReplayTarget;
    if (target) lastTargets.set(binId, target);
    return target;
  });
  const forwarders = useForwarders(binId, token).state;
  // Both first: the form's starting target depends on which CLIs are connected.
  if (hint.state.status === "loading" || forwarders.status === "loading") {
    return (
      <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        Loading…
      </p>
    );
  }
  // Without the hint the form still works: the owner types the target.
  const lastTarget = hint.state.status === "ready" ? hint.state.data : null;
  return <ReplayPanel binId={binId} token={token} origin={origin} detail={detail} lastTarget={lastTarget} connected={connectedForwarders(forwarders)} />;
}

/** The choice of the last replay in this page, while it is still possible. */
function rememberedVia(binId: string, connected: readonly ForwarderInfo[]): ReplayVia | null {
  const remembered = lastVias.get(binId);
  if (remembered?.kind === "cli" && !connected.some((forwarder) => forwarder.name === remembered.name)) return null;
  return remembered ?? null;
}

interface ReplayPanelProps extends ReplayTabProps {
  lastTarget: string | null;
  connected: readonly ForwarderInfo[];
}

function ReplayPanel({ binId, token, origin, detail, lastTarget, connected }: ReplayPanelProps) {
  const [form, setForm] = useState<ReplayForm>(() => replayFormFor(detail, lastTarget));
  const [chosen, setChosen] = useState<ReplayVia | null>(() => rememberedVia(binId, connected));
  // Until the owner picks or types, a connected CLI is the target when no URL was ever used, also
  // one that connects while this is open: the hint below says it will appear here.
  const first = connected[0];
  const via: ReplayVia = chosen ?? (lastTarget === null && first ? { kind: "cli", name: first.name } : { kind: "url" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<DeliveryDetail | null>(null);
  const [headersOpen, setHeadersOpen] = useState(false);
  const update = (change: Partial<ReplayForm>) => setForm((current) => ({ ...current, ...change }));

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    if (Object.keys(found).some((path) => path.startsWith("headers"))) setHeadersOpen(true);
  };

  /** Checks the form; the call that sends it, or null when there are errors (shown by then). */
  const prepare = (): (() => Promise<DeliveryDetail>) | null => {
    if (via.kind === "cli") {
      const { errors: found, push } = buildPush(form, detail);
      showErrors(found);
      const name = via.name;
      return push && (() => sendThroughForwarder(binId, token, name, push));
    }
    const { errors: found, replay } = buildReplay(form, detail);
    showErrors(found);
    return (
      replay &&
      (async () => {
        const delivery = await replayRequest(binId, token, detail.id, replay);
        lastTargets.set(binId, replay.targetUrl);
        return delivery;
      })
    );
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const deliver = prepare();
    if (!deliver) return;
    setSending(true);
    setFailure(null);
    try {
      setResult(await deliver());
      lastVias.set(binId, via);
    } catch (error) {
      // A refused target or a failing local app is a result, not this: this is the request itself
      // refused (400), or no CLI there to take it (409, 504).
      setFailure(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  const headerErrors = Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith("headers.") ? [[path.slice(8), message]] : [])));
  const attempt = result?.attemptLog.at(-1);
  return (
    <form noValidate onSubmit={send} aria-label="Replay" className="space-y-4 p-4">
      {(connected.length > 0 || via.kind === "cli") && <ReplayViaPicker via={via} connected={connected} onChange={setChosen} />}
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
        {via.kind === "url" ? (
          <TextField
            label="Target URL"
            className="min-w-60 flex-1"
            type="url"
            mono
            placeholder="https://example.com/webhooks"
            value={form.targetUrl}
            onValue={(targetUrl) => {
              update({ targetUrl });
              setChosen({ kind: "url" });
            }}
            error={errors.targetUrl}
          />
        ) : (
          <CliTarget name={via.name} />
        )}
        <Button type="submit" variant="primary" className="mt-5" disabled={sending}>
          <SendIcon className="size-3.5" /> {sending ? "Sending…" : "Send"}
        </Button>
      </div>
      {via.kind === "url" && <ResignField binId={binId} token={token} value={form.resign} onChange={(resign) => update({ resign })} />}
      {via.kind === "url" && (
        <Checkbox
          label="Follow redirects"
          checked={form.followRedirects}
          onChecked={(followRedirects) => update({ followRedirects })}
          hint="Webhook senders usually do not, so by default neither does a replay."
        />
      )}
      {failure && (
        <Alert tone="error" title="Not sent">
          {failure}
        </Alert>
      )}
      {result && attempt && (
        <section aria-label="Replay result" className={attempt.status === null ? "" : "rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"}>
          {result.resigned && <ResignedNote resigned={result.resigned} />}
          <AttemptOutcome attempt={attempt} targetUrl={result.targetUrl} />
        </section>
      )}
      {attempt?.outcome === "blocked" && via.kind === "url" && first && (
        <UseCliInstead name={first.name} onUse={() => setChosen({ kind: "cli", name: first.name })} />
      )}
      {connected.length === 0 && via.kind === "url" && <ConnectCliHint binId={binId} token={token} origin={origin} />}
      <details
        open={headersOpen}
        onToggle={(event) => setHeadersOpen(event.currentTarget.open)}
        className="rounded-lg border border-zinc-200 dark:border-zinc-800"
      >
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

/** In place of the URL field: the CLI decides where the request goes on the developer's machine. */
function CliTarget({ name }: { name: string }) {
  return (
    <div className="min-w-60 flex-1">
      <p className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">Target</p>
      <p className="rounded-md bg-zinc-50 px-2.5 py-1.5 text-sm text-zinc-700 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800">
        What <span className="font-mono">&quot;{name}&quot;</span> forwards to, on your machine
      </p>
    </div>
  );
}
