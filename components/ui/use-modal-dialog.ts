import { useEffect, useId, useRef, type SyntheticEvent } from "react";

/**
 * Drives a native <dialog> as a modal from an `open` prop: showModal() gives the focus trap, Escape and
 * the inert page for free. Returns what to spread on the <dialog> (its ref, its title's id, and
 * Escape routed to `onClose` so the parent's state stays the one truth) and the title's id.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const dialogProps = {
    ref,
    "aria-labelledby": titleId,
    onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      onClose();
    },
  };
  return { dialogProps, titleId };
}
