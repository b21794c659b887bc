"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/shared/errors";

/**
 * The busy and error state of one async action a button starts. `run` resolves true when the action
 * succeeded. `busyAfterSuccess` keeps the button disabled after a success that leaves the page or
 * the row (navigation, a retried dead letter), so it cannot be clicked twice meanwhile.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<void>, { busyAfterSuccess = false } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      if (!busyAfterSuccess) setBusy(false);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      return false;
    }
  };
  return { run, busy, error };
}
