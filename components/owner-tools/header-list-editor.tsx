"use client";
// An ordered name/value list (response headers, replay headers): order and duplicates are kept,
// because that is how they go over the wire.
import type { PairRow } from "@/lib/client/owner-settings-form";
import { newRowKey } from "@/lib/client/owner-settings-form";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { inputClass } from "./fields";
import { moveItem, RowControls } from "./row-controls";

interface HeaderListEditorProps {
  /** Names the list, e.g. "Response headers". */
  label: string;
  rows: readonly PairRow[];
  onChange(rows: PairRow[]): void;
  /** Row key → message. */
  errors?: Record<string, string>;
  empty?: string;
}

export function HeaderListEditor({ label, rows, onChange, errors = {}, empty = "No headers." }: HeaderListEditorProps) {
  const update = (index: number, change: Partial<PairRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div role="group" aria-label={label} className="min-w-0">
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>
      ) : (
        <ol className="space-y-1.5">
          {rows.map((row, index) => {
            const error = errors[row.key];
            return (
              <li key={row.key}>
                <div className="flex items-center gap-1.5">
                  <span className="w-5 shrink-0 text-right text-xs text-zinc-400 tabular-nums select-none dark:text-zinc-500">{index + 1}</span>
                  <div className="w-2/5 shrink-0">
                    <input
                      aria-label={`Header ${index + 1} name`}
                      value={row.name}
                      placeholder="Name"
                      spellCheck={false}
                      aria-invalid={!!error}
                      onChange={(event) => update(index, { name: event.target.value })}
                      className={inputClass(!!error, "font-mono text-[13px]")}
                    />
                  </div>
                  <div className="min-w-0 flex-1">
                    <input
                      aria-label={`Header ${index + 1} value`}
                      value={row.value}
                      placeholder="Value"
                      spellCheck={false}
                      onChange={(event) => update(index, { value: event.target.value })}
                      className={inputClass(false, "font-mono text-[13px]")}
                    />
                  </div>
                  <RowControls
                    what={`header ${index + 1}`}
                    index={index}
                    count={rows.length}
                    onMove={(from, to) => onChange(moveItem(rows, from, to))}
                    onRemove={(i) => onChange(rows.filter((_, j) => j !== i))}
                  />
                </div>
                {error && <p className="mt-1 ml-6.5 text-xs text-rose-600 dark:text-rose-400">{error}</p>}
              </li>
            );
          })}
        </ol>
      )}
      <Button size="sm" className="mt-2" onClick={() => onChange([...rows, { key: newRowKey(), name: "", value: "" }])}>
        <PlusIcon className="size-3.5" /> Add header
      </Button>
    </div>
  );
}
