"use client";
import type { ReactNode } from "react";
import { XIcon } from "@/components/ui/icons";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

interface DrawerProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** Sticky at the bottom, e.g. a form's Save button and its error. */
  footer?: ReactNode;
  children: ReactNode;
  onClose(): void;
}

/**
 * A side sheet on the native modal <dialog> (focus trap, Escape and inert page come from the
 * browser). A click on the backdrop does not close it: the sheets hold forms, and a stray click
 * should not throw away what was typed.
 */
export function Drawer({ open, title, description, footer, children, onClose }: DrawerProps) {
  const { dialogProps, titleId } = useModalDialog(open, onClose);

  return (
    <dialog
      {...dialogProps}
      className="m-0 ml-auto h-dvh max-h-none w-[min(44rem,100vw)] max-w-none overflow-hidden bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800"
    >
      {open && (
        <div className="flex h-full flex-col">
          <header className="flex shrink-0 items-start gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-base font-semibold tracking-tight">
                {title}
              </h2>
              {description && <div className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</div>}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mr-1.5 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              <XIcon className="size-5" />
            </button>
          </header>
          <div className="flex min-h-0 flex-1 flex-col">{children}</div>
          {footer && <footer className="shrink-0 border-t border-zinc-200 bg-zinc-50 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950/50">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
