/** Header pairs as received, in order, duplicates kept; values are text, never markup. */
export function HeaderTable({ caption, headers }: { caption: string; headers: readonly (readonly [string, string])[] }) {
  if (headers.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No headers.</p>;
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800">
      <table className="w-full border-collapse text-left font-mono text-[13px]">
        <caption className="sr-only">{caption}</caption>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {headers.map(([name, value], index) => (
            <tr key={index} className="align-top">
              <th scope="row" className="w-1/3 px-3 py-1.5 font-medium break-all text-sky-800 dark:text-sky-300">
                {name}
              </th>
              <td className="px-3 py-1.5 break-all whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
