import { useEffect, useId, useRef } from "react";

/**
 * Drives a native <dialog> as a modal from an `open` prop: showModal() gives the focus trap, Escape and
 * the inert page for free. Returns the ref for the element and an id for its title.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return { ref, titleId };
}
