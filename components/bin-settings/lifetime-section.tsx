"use client";
import { endOfPickedDay, extendExpiry, toDateInputValue, type FormErrors, type LifetimeForm } from "@/lib/client/owner-settings-form";
import { formatTimestamp } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { Field, FormSection, inputClass, TextField } from "@/components/owner-tools/fields";

interface LifetimeSectionProps {
  value: LifetimeForm;
  /** The expiry as saved, to show what a pending change replaces. */
  savedExpiresAt: string | null;
  errors: FormErrors;
  onChange(value: LifetimeForm): void;
}

function describeExpiry(iso: string | null): string {
  if (iso === null) return "never";
  const days = Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
  const when = days > 1 ? `in ${days} days` : days === 1 ? "in 1 day" : days === 0 ? "within a day" : "already passed";
  return `${formatTimestamp(iso)} (${when})`;
}

export function LifetimeSection({ value, savedExpiresAt, errors, onChange }: LifetimeSectionProps) {
  const changed = value.expiresAt !== savedExpiresAt;
  const setExpiry = (expiresAt: string | null) => onChange({ ...value, expiresAt });
  return (
    <FormSection title="Lifetime" description="When the bin and everything in it is deleted, and how many requests it keeps.">
      <div>
        <p className="text-xs font-medium text-zinc-600 dark:text-zinc-300">Expires</p>
        <p className="mt-1 text-sm tabular-nums" data-testid="expires-at">
          {describeExpiry(value.expiresAt)}
          {changed && (
            <span className="ml-2 text-xs text-amber-700 dark:text-amber-300">
              unsaved; now {describeExpiry(savedExpiresAt)}{" "}
              <button type="button" className="underline underline-offset-2" onClick={() => setExpiry(savedExpiresAt)}>
                Undo
              </button>
            </span>
          )}
        </p>
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <Button size="sm" onClick={() => setExpiry(extendExpiry(value.expiresAt, 7))}>
            Extend by 7 days
          </Button>
          <Button size="sm" onClick={() => setExpiry(extendExpiry(value.expiresAt, 30))}>
            Extend by 30 days
          </Button>
          <Field label="Or pick a date" className="w-44" error={errors["lifetime.expiresAt"]}>
            {(aria) => (
              <input
                {...aria}
                type="date"
                value={toDateInputValue(value.expiresAt)}
                onChange={(event) => {
                  const picked = endOfPickedDay(event.target.value);
                  if (picked) setExpiry(picked);
                }}
                className={inputClass(!!errors["lifetime.expiresAt"], "py-1")}
              />
            )}
          </Field>
        </div>
      </div>
      <TextField
        label="Max requests"
        className="max-w-48"
        inputMode="numeric"
        mono
        value={value.maxRequests}
        onValue={(maxRequests) => onChange({ ...value, maxRequests })}
        error={errors["lifetime.maxRequests"]}
        hint="Older requests beyond this many are pruned."
      />
    </FormSection>
  );
}
