import { useId, type ReactNode } from "react";
import { CopyButton } from "./copy-button";

interface CopyFieldProps {
  label: string;
  value: string;
  copyLabel: string;
  hint?: ReactNode;
  /** An extra button after the copy button (e.g. "Rotate"). */
  action?: ReactNode;
  /** For one-line layouts: the label is read by screen readers but not drawn. */
  labelHidden?: boolean;
}

/** A labelled read-only URL in monospace with a copy button; the input makes it selectable by hand too. */
export function CopyField({ label, value, copyLabel, hint, action, labelHidden = false }: CopyFieldProps) {
  const id = useId();
  return (
    <div className="min-w-0">
      <div className={labelHidden ? "sr-only" : "mb-1 flex items-baseline gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400"}>
        <label htmlFor={id}>{label}</label>
        {hint}
      </div>
      <div className="flex min-w-0 items-center gap-1 rounded-md bg-zinc-100 py-1 pr-1 pl-3 ring-1 ring-zinc-200 ring-inset focus-within:ring-indigo-500 dark:bg-zinc-900 dark:ring-zinc-800">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 truncate bg-transparent font-mono text-sm text-zinc-800 outline-none dark:text-zinc-200"
        />
        <CopyButton text={value} label={copyLabel} />
        {action}
      </div>
    </div>
  );
}
