"use client";
import type { CorsForm, FormErrors } from "@/lib/client/owner-settings-form";
import { Checkbox, FormSection, TextField } from "@/components/owner-tools/fields";

export function CorsSection({ value, errors, onChange }: { value: CorsForm; errors: FormErrors; onChange(value: CorsForm): void }) {
  return (
    <FormSection title="CORS" description="For webhooks sent from a web page: answer the browser's preflight and let the page read the answer.">
      <Checkbox label="Enable CORS" checked={value.enabled} onChecked={(enabled) => onChange({ ...value, enabled })} />
      <TextField
        label="Allowed origin"
        mono
        value={value.allowOrigin}
        onValue={(allowOrigin) => onChange({ ...value, allowOrigin })}
        error={errors["cors.allowOrigin"]}
        hint='"*" for any page, or one origin such as https://app.example.com'
        disabled={!value.enabled}
      />
    </FormSection>
  );
}
