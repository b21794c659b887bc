// Move up / move down / remove for one row of an ordered list (headers, rules).
import type { SVGProps } from "react";
import { Icon, XIcon } from "@/components/ui/icons";

const ArrowIcon = ({ up, ...props }: SVGProps<SVGSVGElement> & { up: boolean }) => (
  <Icon {...props}>
    <path d={up ? "M12 19V5m0 0-6 6m6-6 6 6" : "M12 5v14m0 0-6-6m6 6 6-6"} />
  </Icon>
);

const ICON_BUTTON =
  "rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:pointer-events-none disabled:opacity-30 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

interface RowControlsProps {
  /** Names the row in the buttons' labels, e.g. "header 2" → "Move header 2 up". */
  what: string;
  index: number;
  count: number;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}

export function RowControls({ what, index, count, onMove, onRemove }: RowControlsProps) {
  return (
    <div className="flex shrink-0 items-center">
      <button
        type="button"
        className={ICON_BUTTON}
        aria-label={`Move ${what} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        <ArrowIcon up />
      </button>
      <button
        type="button"
        className={ICON_BUTTON}
        aria-label={`Move ${what} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        <ArrowIcon up={false} />
      </button>
      <button
        type="button"
        className={`${ICON_BUTTON} hover:text-rose-600 dark:hover:text-rose-400`}
        aria-label={`Remove ${what}`}
        title="Remove"
        onClick={() => onRemove(index)}
      >
        <XIcon />
      </button>
    </div>
  );
}

/** A copy of `items` with the element at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
