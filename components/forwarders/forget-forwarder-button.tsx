"use client";
import { useState } from "react";
import type { ForwarderInfo } from "@/lib/api-types";
import { errorMessage, forgetForwarder } from "@/lib/client/owner-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TrashIcon } from "@/components/ui/icons";

interface ForgetForwarderButtonProps {
  binId: string;
  token: string;
  forwarder: ForwarderInfo;
  onForgotten(): void;
}

export function ForgetForwarderButton({ binId, token, forwarder, onForgotten }: ForgetForwarderButtonProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await forgetForwarder(binId, token, forwarder.name);
      setOpen(false);
      onForgotten();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Forget forwarder ${forwarder.name}`}>
        <TrashIcon className="size-3.5" /> Forget
      </Button>
      <ConfirmDialog
        open={open}
        title={`Forget "${forwarder.name}"?`}
        confirmLabel="Forget forwarder"
        busy={busy}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        {forwarder.connected ? "The hookscope forward connected under this name is stopped. " : ""}
        Retention no longer keeps captures it has not delivered
        {forwarder.backlog > 0 ? ` (${forwarder.backlog} waiting now)` : ""}. Started again under the same name, it begins with the
        next capture.
      </ConfirmDialog>
    </>
  );
}
