"use client";
import { useEffect, useId, useState, type ReactNode, type RefObject } from "react";
import { EMPTY_FILTER, advancedFilterCount, isFilterActive, type RequestFilter } from "@/lib/client/request-filter";
import { Button } from "@/components/ui/button";
import { FilterIcon, SearchIcon, XIcon } from "@/components/ui/icons";

interface FilterBarProps {
  filter: RequestFilter;
  onChange(filter: RequestFilter): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Event types to offer (those the bin has seen); any other can still be typed. */
  eventTypes: readonly string[];
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/** Typing pauses this long before the server is asked. */
const DEBOUNCE_MS = 300;

/** Body-text search with the other filters (method, path, header, time range) a click away. */
export function FilterBar({ filter, onChange, searchRef, eventTypes }: FilterBarProps) {
  const [draft, setDraft] = useState(filter);
  const [open, setOpen] = useState(advancedFilterCount(filter) > 0);
  const panelId = useId();
  const typesId = useId();
  const advanced = advancedFilterCount(draft);

  // Outside changes (a click on the timeline, "clear") replace the draft.
  const [seen, setSeen] = useState(filter);
  if (seen !== filter) {
    setSeen(filter);
    setDraft(filter);
  }

  useEffect(() => {
    if (JSON.stringify(draft) === JSON.stringify(filter)) return;
    const timer = window.setTimeout(() => onChange(draft), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, filter, onChange]);

  const set = (patch: Partial<RequestFilter>) => setDraft((prev) => ({ ...prev, ...patch }));
  const clear = () => {
    setDraft(EMPTY_FILTER);
    onChange(EMPTY_FILTER);
  };

  return (
    <div role="search" aria-label="Search requests" className="shrink-0 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <div className="flex items-center gap-1.5">
        <label className="flex min-w-0 flex-1 items-center gap-2 rounded-md bg-zinc-100 px-2.5 ring-1 ring-zinc-200 ring-inset focus-within:ring-indigo-500 dark:bg-zinc-900 dark:ring-zinc-800">
          <SearchIcon className="size-4 shrink-0 text-zinc-400" />
          <span className="sr-only">Search body text</span>
          <input
            ref={searchRef}
            type="search"
            value={draft.q}
            onChange={(event) => set({ q: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === "Enter") onChange(draft);
              // Escape leaves the box (the browser's own Escape already empties a search field).
              if (event.key === "Escape") event.currentTarget.blur();
            }}
            placeholder="Search bodies…  ( / )"
            spellCheck={false}
            className="h-8 min-w-0 flex-1 bg-transparent text-sm outline-none placeholder:text-zinc-400"
          />
        </label>
        <Button size="sm" className="h-8" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((v) => !v)}>
          <FilterIcon className="size-3.5" />
          Filters
          {advanced > 0 && <span className="rounded-full bg-indigo-600 px-1.5 text-[10px] leading-4 text-white">{advanced}</span>}
        </Button>
        {isFilterActive(draft) && (
          <Button size="sm" variant="ghost" className="h-8 px-2" onClick={clear} aria-label="Clear search and filters" title="Clear search and filters">
            <XIcon className="size-3.5" />
          </Button>
        )}
      </div>
      {open && (
        <div id={panelId} className="mt-2 grid grid-cols-2 gap-2 text-xs">
          <Field label="Method">
            <select value={draft.method} onChange={(event) => set({ method: event.target.value })} className={INPUT}>
              <option value="">Any</option>
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Path">
            <input
              value={draft.path}
              onChange={(event) => set({ path: event.target.value })}
              placeholder="/orders*"
              spellCheck={false}
              className={`${INPUT} font-mono`}
            />
          </Field>
          <Field label="Header name">
            <input
              value={draft.header}
              onChange={(event) => set({ header: event.target.value })}
              placeholder="X-Signature"
              spellCheck={false}
              className={`${INPUT} font-mono`}
            />
          </Field>
          <Field label="Header value">
            <input
              value={draft.headerValue}
              onChange={(event) => set({ headerValue: event.target.value })}
              placeholder={draft.header ? "exact value" : "needs a name"}
              disabled={!draft.header.trim()}
              spellCheck={false}
              className={`${INPUT} font-mono`}
            />
          </Field>
          <Field label="Event type">
            <input
              value={draft.eventType}
              onChange={(event) => set({ eventType: event.target.value })}
              placeholder="charge.succeeded"
              list={typesId}
              spellCheck={false}
              className={`${INPUT} font-mono`}
            />
            <datalist id={typesId}>
              {eventTypes.map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </Field>
          <Field label="Owner schema">
            <select value={draft.schemaResult} onChange={(event) => set({ schemaResult: event.target.value })} className={INPUT}>
              <option value="">any</option>
              <option value="fail">fails</option>
              <option value="pass">passes</option>
              <option value="not_checked">not checked (too large)</option>
            </select>
          </Field>
          <Field label="From">
            <input type="datetime-local" step="1" value={draft.from} onChange={(event) => set({ from: event.target.value })} className={INPUT} />
          </Field>
          <Field label="To">
            <input type="datetime-local" step="1" value={draft.to} onChange={(event) => set({ to: event.target.value })} className={INPUT} />
          </Field>
        </div>
      )}
    </div>
  );
}

const INPUT =
  "h-8 w-full min-w-0 rounded-md bg-white px-2 text-[13px] ring-1 ring-zinc-300 ring-inset outline-none focus:ring-indigo-500 disabled:opacity-50 dark:bg-zinc-950 dark:ring-zinc-700";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex min-w-0 flex-col gap-1 font-medium text-zinc-500 dark:text-zinc-400">
      {label}
      {children}
    </label>
  );
}
