"use client";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

export const SHORTCUTS: readonly [keys: string[], what: string][] = [
  [["j", "↓"], "Next (older) request"],
  [["k", "↑"], "Previous (newer) request"],
  [["/"], "Search request bodies"],
  [["x"], "Mark or unmark the selected request for compare"],
  [["c"], "Compare the two marked requests"],
  [["?"], "Show these shortcuts"],
  [["Esc"], "Close a dialog, the compare view or the search box"],
];

/** The keyboard shortcuts, on the native <dialog> (Escape and focus handling come from the browser). */
export function KeysHelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { dialogProps, titleId } = useModalDialog(open, onClose);

  return (
    <dialog
      {...dialogProps}
      onClick={(event) => event.target === event.currentTarget && onClose()}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-800"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="contents">
              <dt className="flex gap-1">
                {keys.map((key) => (
                  <kbd
                    key={key}
                    className="min-w-6 rounded border border-zinc-300 bg-zinc-50 px-1.5 text-center font-mono text-xs leading-5 dark:border-zinc-700 dark:bg-zinc-800"
                  >
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-zinc-600 dark:text-zinc-300">{what}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="flex justify-end rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950/50">
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </dialog>
  );
}
