"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/client/owner-api";

/**
 * The state of a ConfirmDialog guarding one action: `ask` opens it; confirming runs the action,
 * closes on success and shows the error (dialog still open) on failure.
 */
export function useConfirmedAction(action: () => Promise<void>) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onConfirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { ask: () => setOpen(true), dialog: { open, busy, error, onConfirm, onCancel: () => setOpen(false) } };
}
