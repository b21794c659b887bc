// Form building blocks shared by the owner's tools, styled like the inspector's inputs.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

export function inputClass(invalid = false, extra = ""): string {
  return [
    "block w-full min-w-0 rounded-md bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs ring-1 ring-inset placeholder:text-zinc-400",
    "focus:outline-none focus:ring-2 focus:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-60",
    "dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-600",
    invalid ? "ring-rose-400 dark:ring-rose-500/70" : "ring-zinc-300 dark:ring-zinc-700",
    extra,
  ].join(" ");
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children(props: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }): ReactNode;
}

/** A label, the control (given its id and ARIA wiring), then a hint or the field's error. */
export function Field({ label, hint, error, className = "", children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">
        {label}
      </label>
      {children({ id, "aria-invalid": !!error, "aria-describedby": error || hint ? noteId : undefined })}
      {error ? (
        <p id={noteId} className="mt-1 text-xs text-rose-600 dark:text-rose-400">
          {error}
        </p>
      ) : (
        hint && (
          <p id={noteId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> & {
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  mono?: boolean;
};

export function TextField({ label, value, onValue, hint, error, mono = false, className = "", ...rest }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <input
          {...rest}
          {...aria}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          spellCheck={false}
          className={inputClass(!!error, mono ? "font-mono" : "")}
        />
      )}
    </Field>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "onChange" | "value"> & {
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
};

export function TextAreaField({ label, value, onValue, hint, error, className = "", rows = 6, ...rest }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <textarea
          {...rest}
          {...aria}
          rows={rows}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          spellCheck={false}
          className={inputClass(!!error, "font-mono text-[13px] leading-5")}
        />
      )}
    </Field>
  );
}

type SelectFieldProps<V extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange" | "value"> & {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onValue(value: V): void;
  hint?: ReactNode;
  error?: string | undefined;
};

export function SelectField<V extends string>({ label, value, options, onValue, hint, error, className = "", ...rest }: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <select {...rest} {...aria} value={value} onChange={(event) => onValue(event.target.value as V)} className={inputClass(!!error, "pr-8")}>
          <SelectOptions options={options} />
        </select>
      )}
    </Field>
  );
}

/** A select's choices, for selects styled other than SelectField's (the inspector's filter bar). */
export function SelectOptions({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
}

export function Checkbox({
  label,
  checked,
  onChecked,
  hint,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChecked(checked: boolean): void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChecked(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 dark:accent-indigo-400"
      />
      <div className="min-w-0">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A titled group of fields; the heading names the group for assistive tech and for tests. */
export function FormSection({ title, description, children, actions }: { title: string; description?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="min-w-0 space-y-4">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {title}
          </h3>
          {description && <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
        </div>
        {actions}
      </div>
      {children}
    </div>
  );
}
