"use client";

interface SegmentedProps<K extends string> {
  label: string;
  options: readonly { key: K; label: string }[];
  value: K;
  onChange(key: K): void;
}

/** A row of toggle buttons, one pressed: body view, body source, snippet language. */
export function Segmented<K extends string>({ label, options, value, onChange }: SegmentedProps<K>) {
  return (
    <div role="group" aria-label={label} className="inline-flex max-w-full flex-wrap rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-800">
      {options.map((option) => (
        <button
          key={option.key}
          type="button"
          aria-pressed={option.key === value}
          onClick={() => onChange(option.key)}
          className={`rounded px-2.5 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            option.key === value
              ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100"
              : "text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
