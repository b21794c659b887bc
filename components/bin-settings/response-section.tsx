"use client";
import type { FormErrors, ResponseForm } from "@/lib/client/owner-settings-form";
import { MAX_DELAY_MS } from "@/lib/client/owner-settings-form";
import { Checkbox, FormSection, TextAreaField, TextField } from "@/components/owner-tools/fields";
import { HeaderListEditor } from "@/components/owner-tools/header-list-editor";

const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "text/plain; charset=utf-8",
  "application/xml",
  "text/html; charset=utf-8",
  "application/x-www-form-urlencoded",
];

/** Errors under `response.headers.<rowKey>`, keyed by row. */
function headerErrors(errors: FormErrors): Record<string, string> {
  const prefix = "response.headers.";
  return Object.fromEntries(Object.entries(errors).flatMap(([path, message]) => (path.startsWith(prefix) ? [[path.slice(prefix.length), message]] : [])));
}

export function ResponseSection({ value, errors, onChange }: { value: ResponseForm; errors: FormErrors; onChange(value: ResponseForm): void }) {
  const set = (change: Partial<ResponseForm>) => onChange({ ...value, ...change });
  return (
    <FormSection title="Response" description="What every sender gets back, unless a rule on the Failure rules tab answers instead.">
      <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)_9rem]">
        <TextField
          label="Status"
          inputMode="numeric"
          mono
          value={value.status}
          onValue={(status) => set({ status })}
          error={errors["response.status"]}
          hint="200 to 599"
        />
        <TextField
          label="Content type"
          list="hookscope-content-types"
          mono
          value={value.contentType}
          onValue={(contentType) => set({ contentType })}
          error={errors["response.contentType"]}
        />
        <TextField
          label="Delay (ms)"
          inputMode="numeric"
          mono
          value={value.delayMs}
          onValue={(delayMs) => set({ delayMs })}
          error={errors["response.delayMs"]}
          hint={`0 to ${MAX_DELAY_MS.toLocaleString("en")}`}
        />
        <datalist id="hookscope-content-types">
          {CONTENT_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </div>
      <div>
        <p className="mb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-300">Headers</p>
        <HeaderListEditor
          label="Response headers"
          rows={value.headers}
          onChange={(headers) => set({ headers })}
          errors={headerErrors(errors)}
          empty="No extra headers. Content-Length and the like are set by the server."
        />
        {errors["response.headers"] && <p className="mt-1 text-xs text-rose-600 dark:text-rose-400">{errors["response.headers"]}</p>}
      </div>
      <Checkbox
        label="Send a custom body"
        checked={value.customBody}
        onChecked={(customBody) => set({ customBody })}
        hint={
          <>
            Otherwise the answer is <code className="font-mono">{'{"ok":true,"id":"<request id>"}'}</code>.
          </>
        }
      />
      {value.customBody && (
        <TextAreaField label="Response body" value={value.body} onValue={(body) => set({ body })} error={errors["response.body"]} rows={6} />
      )}
    </FormSection>
  );
}
