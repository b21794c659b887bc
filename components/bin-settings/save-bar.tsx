import { Button } from "@/components/ui/button";

export type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "invalid" } | { kind: "failed"; message: string };

/** The form's Save button with what happened last: the server's refusal word for word, next to the button. */
export function SaveBar({ formId, status, dirty, disabled = false }: { formId: string; status: SaveStatus; dirty: boolean; disabled?: boolean }) {
  return (
    <div className="flex shrink-0 items-start gap-3 border-t border-zinc-200 bg-zinc-50 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950/50">
      <div className="min-w-0 flex-1 text-sm" aria-live="polite">
        {status.kind === "failed" ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            <span className="font-medium">Not saved:</span> {status.message}
          </p>
        ) : status.kind === "invalid" ? (
          <p role="alert" className="text-rose-700 dark:text-rose-300">
            Not saved: fix the fields marked in red.
          </p>
        ) : status.kind === "saved" && !dirty ? (
          <p className="text-emerald-700 dark:text-emerald-300">Saved. The next capture gets the new settings.</p>
        ) : dirty ? (
          <p className="text-zinc-500 dark:text-zinc-400">Unsaved changes.</p>
        ) : null}
      </div>
      <Button type="submit" form={formId} variant="primary" disabled={disabled || status.kind === "saving"}>
        {status.kind === "saving" ? "Saving…" : "Save settings"}
      </Button>
    </div>
  );
}
