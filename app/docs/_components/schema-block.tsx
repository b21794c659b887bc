import { prettySchema, refName } from "./openapi-model";

type Json = Record<string, unknown>;

/** A schema as pretty JSON; a `$ref` shows the named schema inline, with a link to its own entry. */
export function SchemaBlock({ schema, schemas, open = false }: { schema: Json; schemas: ReadonlyMap<string, Json>; open?: boolean }) {
  const name = refName(schema);
  const resolved = name ? schemas.get(name) : schema;
  return (
    <details open={open} className="group rounded-md ring-1 ring-zinc-200 ring-inset dark:ring-zinc-800">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-zinc-600 select-none dark:text-zinc-300">
        {name ? (
          <>
            Schema <span className="font-mono text-indigo-700 dark:text-indigo-300">{name}</span>
          </>
        ) : (
          "Schema"
        )}
      </summary>
      <div className="border-t border-zinc-200 dark:border-zinc-800">
        {name && (
          <a href={`#schema-${name}`} className="block px-3 pt-2 text-xs text-indigo-700 hover:underline dark:text-indigo-300">
            See {name} among the schemas
          </a>
        )}
        <pre className="max-h-[28rem] overflow-auto p-3 font-mono text-[12.5px] leading-5 text-zinc-800 dark:text-zinc-200">
          {resolved ? prettySchema(resolved) : `(unknown schema ${name})`}
        </pre>
      </div>
    </details>
  );
}
