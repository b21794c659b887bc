"use client";
import { MAX_RULES, newRule, type FormErrors, type RuleForm } from "@/lib/client/owner-settings-form";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { FormSection } from "@/components/owner-tools/fields";
import { moveItem } from "@/components/owner-tools/row-controls";
import { RuleCard } from "./rule-card";

export function RulesSection({ rules, errors, onChange }: { rules: RuleForm[]; errors: FormErrors; onChange(rules: RuleForm[]): void }) {
  return (
    <FormSection
      title="Failure rehearsal"
      description={
        <>
          Rules are tried in order; the first that matches answers instead of the response. Requests are counted from when the rules are saved: the 1st request
          after saving is n = 1, and every save starts the count again.
        </>
      }
    >
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          No rules: every request gets the response.
        </p>
      ) : (
        <ol className="space-y-3">
          {rules.map((rule, index) => (
            <RuleCard
              key={rule.key}
              rule={rule}
              index={index}
              count={rules.length}
              errors={errors}
              onChange={(changed) => onChange(rules.map((r) => (r.key === changed.key ? changed : r)))}
              onMove={(from, to) => onChange(moveItem(rules, from, to))}
              onRemove={(i) => onChange(rules.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
      )}
      {errors.rules && <p className="text-xs text-rose-600 dark:text-rose-400">{errors.rules}</p>}
      <Button size="sm" disabled={rules.length >= MAX_RULES} onClick={() => onChange([...rules, newRule()])}>
        <PlusIcon className="size-3.5" /> Add rule
      </Button>
    </FormSection>
  );
}
