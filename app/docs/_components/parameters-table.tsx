import { InlineText } from "./inline-text";
import { describeSchema, type Parameter } from "./openapi-model";

export function ParametersTable({ parameters }: { parameters: readonly Parameter[] }) {
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800">
      <table className="w-full border-collapse text-left text-[13px]">
        <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              In
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {parameters.map((parameter) => (
            <tr key={`${parameter.in}:${parameter.name}`} className="align-top">
              <td className="px-3 py-1.5 font-mono font-medium whitespace-nowrap">
                {parameter.name}
                {parameter.required && (
                  <span className="ml-1 text-rose-600 dark:text-rose-400" title="required">
                    *
                  </span>
                )}
              </td>
              <td className="px-3 py-1.5 text-zinc-500 dark:text-zinc-400">{parameter.in}</td>
              <td className="px-3 py-1.5 font-mono text-xs text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300">{describeSchema(parameter.schema)}</td>
              <td className="px-3 py-1.5 text-zinc-700 dark:text-zinc-300">
                <InlineText text={parameter.description ?? ""} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
