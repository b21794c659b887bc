"use client";
import type { RequestDetail } from "@/lib/shared/api-types";
import { formatBytes } from "@/lib/client/format";
import { isBinaryBody, type ReplayForm } from "@/lib/client/owner-replay";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/owner-tools/fields";

interface ReplayBodyFieldProps {
  detail: RequestDetail;
  form: ReplayForm;
  onChange(change: Partial<ReplayForm>): void;
}

/** The body to send: editable text, or for a binary capture the stored bytes unless replaced. */
export function ReplayBodyField({ detail, form, onChange }: ReplayBodyFieldProps) {
  const binary = isBinaryBody(detail);
  if (form.bodyMode === "captured") {
    return (
      <div className="flex flex-wrap items-center gap-3 rounded-md border border-dashed border-zinc-300 px-3 py-2.5 text-sm dark:border-zinc-700">
        <p className="min-w-0 flex-1 text-zinc-600 dark:text-zinc-300">Binary body ({formatBytes(detail.bodySize)}): sent as captured, byte for byte.</p>
        <Button size="sm" onClick={() => onChange({ bodyMode: "text", bodyText: "" })}>
          Replace with text
        </Button>
      </div>
    );
  }
  const edited = form.bodyText !== (detail.bodyText ?? "");
  return (
    <div>
      <TextAreaField
        label="Body"
        rows={Math.min(14, Math.max(4, form.bodyText.split("\n").length + 1))}
        value={form.bodyText}
        onValue={(bodyText) => onChange({ bodyText })}
        hint={
          edited
            ? "Edited: this text is sent as UTF-8."
            : detail.bodySize === 0
              ? "The capture had no body."
              : "Unchanged: the captured bytes are sent exactly."
        }
      />
      {(binary || edited) && (
        <Button
          size="sm"
          variant="ghost"
          className="mt-1"
          onClick={() => onChange({ bodyMode: binary ? "captured" : "text", bodyText: detail.bodyText ?? "" })}
        >
          {binary ? "Send the captured bytes instead" : "Undo body edits"}
        </Button>
      )}
    </div>
  );
}
