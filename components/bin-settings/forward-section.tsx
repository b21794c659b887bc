"use client";
import { MAX_FORWARD_ATTEMPTS, type FormErrors, type ForwardForm } from "@/lib/client/owner-settings-form";
import { Checkbox, FormSection, TextField } from "@/components/owner-tools/fields";

export function ForwardSection({ value, errors, onChange }: { value: ForwardForm; errors: FormErrors; onChange(value: ForwardForm): void }) {
  return (
    <FormSection
      title="Auto-forward"
      description="Send every new capture on to another URL, retrying with back-off. Deliveries that give up land in Dead letters."
    >
      <Checkbox label="Forward every capture" checked={value.enabled} onChecked={(enabled) => onChange({ ...value, enabled })} />
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <TextField
          label="Forward to"
          type="url"
          mono
          placeholder="https://example.com/webhooks"
          value={value.url}
          onValue={(url) => onChange({ ...value, url })}
          error={errors["forward.url"]}
          hint="Each capture's sub-path and query are appended."
        />
        <TextField
          label="Max attempts"
          inputMode="numeric"
          mono
          value={value.maxAttempts}
          onValue={(maxAttempts) => onChange({ ...value, maxAttempts })}
          error={errors["forward.maxAttempts"]}
          hint={`1 to ${MAX_FORWARD_ATTEMPTS}`}
        />
      </div>
    </FormSection>
  );
}
