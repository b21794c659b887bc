"use client";
import { useMemo } from "react";
import { parseForm } from "@/lib/shared/body/form";
import { CopyButton } from "@/components/ui/copy-button";

/** Decoded fields in the order sent, duplicates as separate rows; the raw pair is kept alongside. */
export function FormView({ text }: { text: string }) {
  const fields = useMemo(() => parseForm(text), [text]);
  if (fields.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No fields.</p>;
  return (
    <table className="w-full border-collapse text-left text-[13px]">
      <caption className="sr-only">Form fields, decoded, in the order sent</caption>
      <thead className="text-xs text-zinc-500 dark:text-zinc-400">
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th scope="col" className="w-8 py-1.5 pr-2 text-right font-medium">
            #
          </th>
          <th scope="col" className="px-3 py-1.5 font-medium">
            Field
          </th>
          <th scope="col" className="py-1.5 pl-3 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 font-mono dark:divide-zinc-800/70">
        {fields.map((field, index) => (
          <tr key={index} className="group align-top">
            <td className="py-1.5 pr-2 text-right text-xs text-zinc-400 tabular-nums select-none">{index + 1}</td>
            <th scope="row" className="px-3 py-1.5 font-medium break-all text-sky-800 dark:text-sky-300" title={`Sent as: ${field.raw}`}>
              {field.name}
            </th>
            <td className="py-1.5 pl-3 text-zinc-800 dark:text-zinc-200">
              <div className="flex items-start gap-1">
                <span className="min-w-0 flex-1 break-all whitespace-pre-wrap">
                  {field.hasValue ? field.value : <span className="font-sans text-xs text-zinc-400 italic">no value (flag)</span>}
                </span>
                <CopyButton
                  text={field.value}
                  label={`Copy value of ${field.name}`}
                  className="-my-0.5 h-6 px-1.5 opacity-0 group-hover:opacity-100 focus-visible:opacity-100 max-sm:opacity-100"
                />
              </div>
              {field.problems.map((problem) => (
                <p key={problem} className="mt-0.5 font-sans text-xs text-amber-700 dark:text-amber-300">
                  {problem}
                </p>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
