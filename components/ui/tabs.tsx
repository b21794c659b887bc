"use client";
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface TabItem<K extends string> {
  key: K;
  label: string;
  /** Small count or note after the label, e.g. the number of headers. */
  badge?: ReactNode;
}

interface TabsProps<K extends string> {
  label: string;
  items: readonly TabItem<K>[];
  selected: K;
  onSelect(key: K): void;
  /** Tighter tabs, for a row of many in a narrow panel (the bin settings drawer). */
  dense?: boolean;
  children: ReactNode;
}

/** WAI-ARIA tabs with manual activation by click and arrow keys; one panel holds the selected content. */
export function Tabs<K extends string>({ label, items, selected, onSelect, dense = false, children }: TabsProps<K>) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const tabId = (key: K) => `${baseId}-tab-${key}`;
  const panelId = `${baseId}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.key === selected);
    const last = items.length - 1;
    const nextIndex =
      event.key === "ArrowRight"
        ? index >= last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index <= 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    const next = nextIndex === null ? undefined : items[nextIndex];
    if (!next) return;
    event.preventDefault();
    onSelect(next.key);
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(next.key))}`)?.focus();
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        ref={listRef}
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className={`flex shrink-0 overflow-x-auto border-b border-zinc-200 px-4 dark:border-zinc-800 ${dense ? "" : "gap-1"}`}
      >
        {items.map((item) => {
          const active = item.key === selected;
          return (
            <button
              key={item.key}
              id={tabId(item.key)}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={panelId}
              tabIndex={active ? 0 : -1}
              onClick={() => onSelect(item.key)}
              className={`-mb-px inline-flex items-center gap-1.5 border-b-2 ${dense ? "px-2" : "px-3"} py-2.5 text-sm font-medium whitespace-nowrap transition-[color] focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-500 ${
                active
                  ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-white"
                  : "border-transparent text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }`}
            >
              {item.label}
              {item.badge !== undefined && (
                <span className="rounded-full bg-zinc-100 px-1.5 text-[11px] leading-4 font-medium text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
                  {item.badge}
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={tabId(selected)} tabIndex={0} className="min-h-0 flex-1 overflow-auto focus-visible:outline-none">
        {children}
      </div>
    </div>
  );
}
