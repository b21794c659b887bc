import type { ReactNode } from "react";
import { MethodBadge } from "@/components/ui/method-badge";
import { CurlBlock } from "./curl-block";
import { curlExample } from "./curl-example";
import { InlineText } from "./inline-text";
import { slug, type Operation, type Parameter } from "./openapi-model";
import { ParametersTable } from "./parameters-table";
import { PathText } from "./path-text";
import { SchemaBlock } from "./schema-block";

type Json = Record<string, unknown>;

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</h4>
      {children}
    </section>
  );
}

function statusTone(status: string): string {
  return status.startsWith("2")
    ? "text-emerald-700 dark:text-emerald-300"
    : status.startsWith("4")
      ? "text-amber-700 dark:text-amber-300"
      : status.startsWith("5")
        ? "text-rose-700 dark:text-rose-300"
        : "text-zinc-700 dark:text-zinc-300";
}

interface OperationCardProps {
  path: string;
  operation: Operation;
  /** Parameters declared on the path, shared by its operations. */
  pathParameters: readonly Parameter[];
  schemas: ReadonlyMap<string, Json>;
}

export function OperationCard({ path, operation, pathParameters, schemas }: OperationCardProps) {
  const parameters = [...pathParameters, ...operation.parameters];
  const body = operation.requestBody;
  return (
    <article
      id={slug(operation.method, path)}
      aria-label={`${operation.method} ${path}`}
      className="scroll-mt-20 space-y-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <header className="space-y-1.5">
        <h3 className="flex flex-wrap items-center gap-2.5">
          <MethodBadge method={operation.method} />
          <span className="min-w-0 font-mono text-sm font-semibold">
            <PathText path={path} />
          </span>
          {operation.security && operation.security.length > 0 && (
            <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-[11px] font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">Bearer token</span>
          )}
        </h3>
        {operation.summary && (
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
            <InlineText text={operation.summary} />
          </p>
        )}
        {operation.description && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <InlineText text={operation.description} />
          </p>
        )}
      </header>
      <CurlBlock title="Example" code={curlExample(path, operation, pathParameters)} label={`curl example for ${operation.method} ${path}`} />
      {parameters.length > 0 && (
        <Part title="Parameters">
          <ParametersTable parameters={parameters} />
        </Part>
      )}
      {body?.content && (
        <Part title={`Request body${body.required ? "" : " (optional)"}`}>
          {Object.entries(body.content).map(([type, media]) => (
            <div key={type} className="space-y-1.5">
              <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{type}</p>
              {media.schema && Object.keys(media.schema).length > 0 ? (
                <SchemaBlock schema={media.schema} schemas={schemas} open />
              ) : (
                <p className="text-sm text-zinc-500">Any bytes.</p>
              )}
            </div>
          ))}
        </Part>
      )}
      <Part title="Responses">
        <ul className="space-y-2">
          {operation.responses.map(([status, response]) => (
            <li key={status} className="space-y-1.5">
              <p className="text-sm">
                <span className={`mr-2 font-mono font-semibold ${statusTone(status)}`}>{status}</span>
                <span className="text-zinc-700 dark:text-zinc-300">
                  <InlineText text={response.description ?? ""} />
                </span>
              </p>
              {Object.entries(response.content ?? {}).map(([type, media]) =>
                media.schema && !(status >= "400" && media.schema.$ref === "#/components/schemas/Error") ? (
                  <div key={type} className="ml-10">
                    <SchemaBlock schema={media.schema} schemas={schemas} />
                  </div>
                ) : null,
              )}
            </li>
          ))}
        </ul>
      </Part>
    </article>
  );
}
