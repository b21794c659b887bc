import { Button } from "@/components/ui/button";
import { CompareIcon } from "@/components/ui/icons";
import { ExportMenu } from "./export-menu";
import { MarkedOwnerActions } from "@/components/owner-tools/slots";

interface MarkedBarProps {
  binId: string;
  token: string;
  canEdit: boolean;
  marked: readonly string[];
  onCompare(): void;
  onClear(): void;
}

/** What can be done with the rows marked by their checkboxes (or shift-click, or x). */
export function MarkedBar({ binId, token, canEdit, marked, onCompare, onClear }: MarkedBarProps) {
  if (marked.length === 0) return null;
  return (
    <div
      role="toolbar"
      aria-label="Marked requests"
      className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-200 bg-amber-50/60 px-4 py-2 text-xs dark:border-zinc-800 dark:bg-amber-400/5"
    >
      <span className="font-medium text-zinc-700 dark:text-zinc-200">{marked.length} marked</span>
      <Button
        size="sm"
        variant="primary"
        onClick={onCompare}
        disabled={marked.length !== 2}
        title={marked.length === 2 ? "Compare side by side (c)" : "Mark exactly two requests to compare"}
      >
        <CompareIcon className="size-3.5" /> Compare
      </Button>
      <ExportMenu binId={binId} token={token} ids={marked} label="Export marked" />
      {canEdit && <MarkedOwnerActions binId={binId} token={token} requestIds={marked} />}
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
        Unmark all
      </Button>
    </div>
  );
}
