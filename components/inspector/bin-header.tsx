"use client";
import { useState } from "react";
import type { BinInfo } from "@/lib/api-types";
import { originOf } from "@/lib/client/owner-link";
import type { LiveStatus } from "@/lib/client/use-bin-socket";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { EyeIcon, KeyboardIcon, TrashIcon } from "@/components/ui/icons";
import { CurlSnippet } from "./curl-snippet";
import { ExportMenu } from "./export-menu";
import { LiveIndicator } from "./live-indicator";
import { OwnerLinkField } from "./owner-link-field";
import { ShareLinkField } from "./share-link-field";
import { BinOwnerActions } from "@/components/owner-tools/slots";

interface BinHeaderProps {
  info: BinInfo;
  token: string;
  live: LiveStatus;
  canEdit: boolean;
  onDeleteBin(): Promise<void>;
  onInfoChange(info: BinInfo): void;
  onShowKeys(): void;
}

export function BinHeader({ info, token, live, canEdit, onDeleteBin, onInfoChange, onShowKeys }: BinHeaderProps) {
  const origin = originOf(info.captureUrl);
  return (
    <section aria-label="Bin" className="shrink-0 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="min-w-0 text-base font-semibold tracking-tight break-all">
          Bin <span className="font-mono">{info.id}</span>
        </h1>
        <LiveIndicator status={live} />
        {!canEdit && (
          <span className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            <EyeIcon className="size-3.5" /> Read-only shared view
          </span>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button size="sm" variant="ghost" onClick={onShowKeys} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" className="max-sm:hidden">
            <KeyboardIcon className="size-3.5" />
          </Button>
          <ExportMenu binId={info.id} token={token} label="Export bin" />
          {canEdit && <BinOwnerActions binId={info.id} token={token} info={info} />}
          {canEdit && <DeleteBinButton onDeleteBin={onDeleteBin} />}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-3">
          <CopyField
            label="Capture URL"
            value={info.captureUrl}
            copyLabel="Copy capture URL"
            hint={<span className="font-normal">any method, any sub-path</span>}
          />
          {canEdit && <ShareLinkField info={info} token={token} onRotated={onInfoChange} />}
          {canEdit && <OwnerLinkField binId={info.id} ownerToken={token} origin={origin} />}
        </div>
        <CurlSnippet captureUrl={info.captureUrl} />
      </div>
    </section>
  );
}

function DeleteBinButton({ onDeleteBin }: { onDeleteBin(): Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDeleteBin();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        <TrashIcon className="size-3.5" /> Delete bin
      </Button>
      <ConfirmDialog
        open={open}
        title="Delete this bin?"
        confirmLabel="Delete bin"
        busy={busy}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        Every captured request is deleted and the capture URL stops accepting requests. Share links stop working. This
        cannot be undone.
      </ConfirmDialog>
    </>
  );
}
