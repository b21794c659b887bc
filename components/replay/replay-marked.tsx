"use client";
import { useEffect, useState } from "react";
import type { DeliveryDetail } from "@/lib/shared/api-types";
import { errorMessage, getBinSettings, replayMany } from "@/lib/client/owner-api";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/owner-tools/fields";

/** Owner only: re-sends the marked requests, in capture order, to one target. */
export function ReplayMarked({ binId, token, requestIds }: { binId: string; token: string; requestIds: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || target !== "") return;
    const controller = new AbortController();
    getBinSettings(binId, token, controller.signal)
      .then((settings) => setTarget((current) => current || settings.lastReplayTarget || ""))
      .catch(() => undefined);
    return () => controller.abort();
  }, [open, target, binId, token]);

  const send = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const deliveries = await replayMany(binId, token, target, [...requestIds]);
      setOutcome(deliveries.map(describe).join(", "));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} title="Re-send the marked requests, oldest first, to one URL">
        Replay marked
      </Button>
    );
  }
  return (
    <form
      className="flex w-full flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <input
        aria-label="Replay target URL"
        className={inputClass(false, "min-w-48 flex-1 font-mono text-xs")}
        placeholder="https://example.com/webhooks"
        value={target}
        onChange={(event) => setTarget(event.target.value)}
      />
      <Button size="sm" variant="primary" type="submit" disabled={busy || target.trim() === ""}>
        {busy ? "Sending…" : `Send ${requestIds.length}`}
      </Button>
      <Button size="sm" variant="ghost" type="button" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {outcome && (
        <p role="status" className="w-full text-zinc-700 dark:text-zinc-200">
          Sent in order: {outcome}
        </p>
      )}
      {error && (
        <p role="alert" className="w-full text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </form>
  );
}

function describe(delivery: DeliveryDetail): string {
  const attempt = delivery.attemptLog.at(-1);
  if (!attempt) return delivery.status;
  return attempt.status !== null ? String(attempt.status) : (attempt.error?.code ?? "failed");
}
