"use client";
import { useState } from "react";
import { useAction } from "./use-action";

/**
 * The state of a ConfirmDialog guarding one action: `ask` opens it; confirming runs the action,
 * closes on success and shows the error (dialog still open) on failure.
 */
export function useConfirmedAction(action: () => Promise<void>) {
  const [open, setOpen] = useState(false);
  const { run, busy, error } = useAction(action);
  const onConfirm = async () => {
    if (await run()) setOpen(false);
  };
  return { ask: () => setOpen(true), dialog: { open, busy, error, onConfirm, onCancel: () => setOpen(false) } };
}
