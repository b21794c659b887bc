"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon } from "@/components/ui/icons";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/**
 * A request's detail over the whole screen, for phones. A modal <dialog>: the list behind it is
 * inert, focus moves in and Escape closes it. Closing goes through `onClose`, which steps Back.
 */
export function DetailSheet({ open, onClose, children }: { open: boolean; onClose(): void; children: ReactNode }) {
  const { dialogProps, titleId } = useModalDialog(open, onClose);
  return (
    <dialog {...dialogProps} className="m-0 size-full max-h-none max-w-none bg-zinc-50 p-0 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100">
      {open && (
        <div className="flex h-full flex-col">
          <div className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-2 dark:border-zinc-800 dark:bg-zinc-900">
            <Button variant="ghost" onClick={onClose} aria-label="Back to requests">
              <ArrowLeftIcon /> Requests
            </Button>
            <h2 id={titleId} className="sr-only">
              Request
            </h2>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
