"use client";
import type { GenericHmacOptionsInput } from "@/lib/client/owner-types";
import type { GenericHmacOptions } from "@/lib/shared/signature-types";
import { SelectField, TextField } from "@/components/owner-tools/fields";

export interface GenericHmacForm {
  algorithm: GenericHmacOptions["algorithm"];
  header: string;
  prefix: string;
  encoding: GenericHmacOptions["encoding"];
  template: string;
  timestampHeader: string;
  idHeader: string;
  secretEncoding: GenericHmacOptions["secretEncoding"];
}

export const GENERIC_DEFAULTS: GenericHmacForm = {
  algorithm: "sha256",
  header: "X-Signature",
  prefix: "",
  encoding: "hex",
  template: "{body}",
  timestampHeader: "",
  idHeader: "",
  secretEncoding: "utf8",
};

/** The options as the API takes them: blanks left out, the default secret encoding too. */
export function genericOptions(form: GenericHmacForm): GenericHmacOptionsInput {
  return {
    algorithm: form.algorithm,
    header: form.header.trim(),
    encoding: form.encoding,
    ...(form.prefix ? { prefix: form.prefix } : {}),
    ...(form.template.trim() ? { template: form.template.trim() } : {}),
    ...(form.timestampHeader.trim() ? { timestampHeader: form.timestampHeader.trim() } : {}),
    ...(form.idHeader.trim() ? { idHeader: form.idHeader.trim() } : {}),
    ...(form.secretEncoding !== "utf8" ? { secretEncoding: form.secretEncoding } : {}),
  };
}

/** For senders that sign in their own way: which header, which hash, over which bytes. */
export function GenericHmacFields({ value, onChange }: { value: GenericHmacForm; onChange(value: GenericHmacForm): void }) {
  const set = (change: Partial<GenericHmacForm>) => onChange({ ...value, ...change });
  return (
    <div className="grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800">
      <SelectField
        label="Algorithm"
        value={value.algorithm}
        options={[
          { value: "sha256", label: "HMAC-SHA256" },
          { value: "sha1", label: "HMAC-SHA1" },
          { value: "sha512", label: "HMAC-SHA512" },
        ]}
        onValue={(algorithm) => set({ algorithm })}
      />
      <SelectField
        label="Signature encoding"
        value={value.encoding}
        options={[
          { value: "hex", label: "hex" },
          { value: "base64", label: "base64" },
        ]}
        onValue={(encoding) => set({ encoding })}
      />
      <TextField label="Signature header" mono value={value.header} onValue={(header) => set({ header })} placeholder="X-Signature" />
      <TextField
        label="Prefix"
        mono
        value={value.prefix}
        onValue={(prefix) => set({ prefix })}
        placeholder="sha256="
        hint="Text before the signature, if any."
      />
      <TextField
        label="Signed template"
        className="sm:col-span-2"
        mono
        value={value.template}
        onValue={(template) => set({ template })}
        placeholder="{timestamp}.{body}"
        hint="What is signed: {body} (raw bytes), {timestamp}, {id}, {method}, {url}."
      />
      <TextField
        label="Timestamp header"
        mono
        value={value.timestampHeader}
        onValue={(timestampHeader) => set({ timestampHeader })}
        placeholder="X-Timestamp"
        hint="Needed for {timestamp}."
      />
      <TextField label="Id header" mono value={value.idHeader} onValue={(idHeader) => set({ idHeader })} placeholder="X-Webhook-Id" hint="Needed for {id}." />
      <SelectField
        label="Secret is"
        value={value.secretEncoding}
        options={[
          { value: "utf8", label: "text, used as is" },
          { value: "base64", label: "base64 (whsec_ prefix allowed)" },
          { value: "hex", label: "hex" },
        ]}
        onValue={(secretEncoding) => set({ secretEncoding })}
      />
    </div>
  );
}
