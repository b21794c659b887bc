"use client";
import type { ForwarderInfo } from "@/lib/shared/api-types";
import { forgetForwarder } from "@/lib/client/owner-api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { TrashIcon } from "@/components/ui/icons";

interface ForgetForwarderButtonProps {
  binId: string;
  token: string;
  forwarder: ForwarderInfo;
  onForgotten(): void;
}

export function ForgetForwarderButton({ binId, token, forwarder, onForgotten }: ForgetForwarderButtonProps) {
  const { ask, dialog } = useConfirmedAction(async () => {
    await forgetForwarder(binId, token, forwarder.name);
    onForgotten();
  });

  return (
    <>
      <Button size="sm" variant="ghost" onClick={ask} aria-label={`Forget forwarder ${forwarder.name}`}>
        <TrashIcon className="size-3.5" /> Forget
      </Button>
      <ConfirmDialog {...dialog} title={`Forget "${forwarder.name}"?`} confirmLabel="Forget forwarder">
        {forwarder.connected ? "The hookscope forward connected under this name is stopped. " : ""}
        Retention no longer keeps captures it has not delivered
        {forwarder.backlog > 0 ? ` (${forwarder.backlog} waiting now)` : ""}. Started again under the same name, it begins with the next capture.
      </ConfirmDialog>
    </>
  );
}
