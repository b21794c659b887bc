import { slug, type PathItem } from "./openapi-model";
import { PathText } from "./path-text";

const METHOD_COLORS: Record<string, string> = {
  GET: "text-sky-700 dark:text-sky-300",
  POST: "text-emerald-700 dark:text-emerald-300",
  PUT: "text-amber-700 dark:text-amber-300",
  PATCH: "text-violet-700 dark:text-violet-300",
  DELETE: "text-rose-700 dark:text-rose-300",
};

/**
 * One entry per path, its methods as small links: long paths wrap after a "/" rather than hide their
 * ends. `className` places it: a sticky sidebar on wide screens, a disclosure on narrow ones.
 */
export function RoutesNav({ paths, className }: { paths: readonly PathItem[]; className: string }) {
  return (
    <nav aria-label="Routes" className={className}>
      <ul className="space-y-1.5">
        {paths.map((item) => (
          <li key={item.path} className="rounded-md px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800/60">
            <a href={`#${slug("path", item.path)}`} className="block font-mono text-[12.5px] leading-5 text-zinc-700 dark:text-zinc-300">
              <PathText path={item.path} />
            </a>
            <span className="flex gap-2">
              {item.operations.map((operation) => (
                <a
                  key={operation.method}
                  href={`#${slug(operation.method, item.path)}`}
                  className={`font-mono text-[10.5px] font-semibold hover:underline ${METHOD_COLORS[operation.method] ?? "text-zinc-600 dark:text-zinc-300"}`}
                >
                  {operation.method}
                </a>
              ))}
            </span>
          </li>
        ))}
        <li className="px-2 pt-1">
          <a href="#schemas" className="text-[13px] font-medium hover:underline">
            Schemas
          </a>
        </li>
      </ul>
    </nav>
  );
}
