"use client";
import { useId } from "react";
import { describeRule, type ActionKind, type FormErrors, type RuleForm, type WhenKind } from "@/lib/client/owner-settings-form";
import { Checkbox, SelectField, TextAreaField, TextField } from "@/components/owner-tools/fields";
import { RowControls } from "@/components/owner-tools/row-controls";

const WHEN_OPTIONS: { value: WhenKind; label: string }[] = [
  { value: "nth", label: "Only the nth request" },
  { value: "every_nth", label: "Every nth request" },
  { value: "after", label: "After the nth request" },
  { value: "percent", label: "Random percentage" },
  { value: "always", label: "Every request" },
];

const ACTION_OPTIONS: { value: ActionKind; label: string }[] = [
  { value: "status", label: "Answer with a status" },
  { value: "rate_limit", label: "Rate limit (429)" },
  { value: "gone", label: "Gone (410)" },
  { value: "hold", label: "Hold, never answer" },
];

interface RuleCardProps {
  rule: RuleForm;
  index: number;
  count: number;
  errors: FormErrors;
  onChange(rule: RuleForm): void;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}

export function RuleCard({ rule, index, count, errors, onChange, onMove, onRemove }: RuleCardProps) {
  const titleId = useId();
  const set = (change: Partial<RuleForm>) => onChange({ ...rule, ...change });
  const error = (field: string) => errors[`rules.${rule.key}.${field}`];
  return (
    <li role="group" aria-labelledby={titleId} className="rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="mb-3 flex items-center gap-2">
        <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700 tabular-nums dark:bg-indigo-500/15 dark:text-indigo-300">
          {index + 1}
        </span>
        <h4 id={titleId} className="sr-only">
          Rule {index + 1}
        </h4>
        <p className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {rule.name.trim() ? (
            <>
              {rule.name.trim()} <span className="font-normal text-zinc-500 dark:text-zinc-400">· {describeRule(rule)}</span>
            </>
          ) : (
            describeRule(rule)
          )}
        </p>
        <RowControls what={`rule ${index + 1}`} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex gap-2">
          <SelectField label="When" className="flex-1" value={rule.when} options={WHEN_OPTIONS} onValue={(when) => set({ when })} />
          {(rule.when === "nth" || rule.when === "every_nth" || rule.when === "after") && (
            <TextField label="n" className="w-20" inputMode="numeric" mono value={rule.n} onValue={(n) => set({ n })} error={error("n")} />
          )}
          {rule.when === "percent" && (
            <TextField
              label="Percent"
              className="w-24"
              inputMode="decimal"
              mono
              value={rule.percent}
              onValue={(percent) => set({ percent })}
              error={error("percent")}
            />
          )}
        </div>
        <div className="flex gap-2">
          <SelectField label="Then" className="flex-1" value={rule.action} options={ACTION_OPTIONS} onValue={(action) => set({ action })} />
          {rule.action === "status" && (
            <TextField
              label="Status"
              className="w-20"
              inputMode="numeric"
              mono
              value={rule.status}
              onValue={(status) => set({ status })}
              error={error("status")}
            />
          )}
          {rule.action === "rate_limit" && (
            <TextField
              label="Retry-After (s)"
              className="w-28"
              inputMode="numeric"
              mono
              value={rule.retryAfterSeconds}
              onValue={(retryAfterSeconds) => set({ retryAfterSeconds })}
              error={error("retryAfterSeconds")}
            />
          )}
        </div>
      </div>
      {rule.action === "status" && (
        <div className="mt-3 space-y-3">
          <Checkbox label="With a body" checked={rule.customBody} onChecked={(customBody) => set({ customBody })} />
          {rule.customBody && <TextAreaField label="Rule body" rows={3} value={rule.body} onValue={(body) => set({ body })} error={error("body")} />}
        </div>
      )}
      <TextField
        label="Name (optional)"
        className="mt-3"
        value={rule.name}
        onValue={(name) => set({ name })}
        error={error("name")}
        placeholder={describeRule(rule)}
        hint="Shown in the request's Overview as the reason for the answer, and in the tooltip of its → status badge in the list."
      />
    </li>
  );
}
