import type { Metadata } from "next";
import { openApiDocument } from "@/lib/server/openapi";
import { prettySchema, readDocument, slug } from "./_components/openapi-model";
import { CaptureToCi } from "./_components/capture-to-ci";
import { InlineText } from "./_components/inline-text";
import { OperationCard } from "./_components/operation-card";
import { OriginSetup } from "./_components/origin-setup";
import { PathText } from "./_components/path-text";
import { RoutesNav } from "./_components/routes-nav";

export const metadata: Metadata = { title: "API", description: "The Hookscope HTTP API: every route with a curl example, its parameters, bodies and answers." };

// The same document /api/openapi.json serves, read at build time: the page is static.
export const dynamic = "force-static";

export default function DocsPage() {
  const doc = readDocument(openApiDocument());
  const schemas = new Map(doc.schemas);
  return (
    <main className="mx-auto grid w-full max-w-screen-2xl flex-1 gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
      <div className="hidden lg:block">
        <div className="sticky top-20">
          <p className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Routes</p>
          <RoutesNav paths={doc.paths} className="max-h-[calc(100dvh-8rem)] overflow-auto pr-2" />
        </div>
      </div>

      <div className="min-w-0 space-y-8">
        <header className="space-y-3">
          <h1 className="text-2xl font-semibold tracking-tight">
            {doc.title} <span className="align-middle text-sm font-normal text-zinc-500 dark:text-zinc-400">version {doc.version}</span>
          </h1>
          <p className="max-w-3xl text-zinc-600 dark:text-zinc-400">
            <InlineText text={doc.description} />
          </p>
          <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            <li>
              Calls marked <em>Bearer token</em> send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>: the bin&apos;s owner token, or the
              share token from a share link (read-only). Calls marked <em>(owner)</em> need <code className="font-mono">&lt;ownerToken&gt;</code>. A wrong token
              and an unknown bin both answer 404.
            </li>
            <li>
              In the examples, replace <code className="font-mono">&lt;binId&gt;</code>, <code className="font-mono">&lt;requestId&gt;</code> and the tokens
              with yours: <code className="font-mono">POST /api/bins</code> answers with the bin id and the owner token, and the inspector&apos;s Owner link
              carries both (<code className="font-mono">/bins/&lt;binId&gt;#owner=&lt;ownerToken&gt;</code>).
            </li>
            <li>
              Every error is JSON: <code className="font-mono">{'{ "error": { "code", "message" } }'}</code>, with the message in plain words.
            </li>
            <li>
              Machine-readable:{" "}
              <a href="/api/openapi.json" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                /api/openapi.json
              </a>{" "}
              (OpenAPI 3.1).
            </li>
          </ul>
          <div className="max-w-3xl">
            <OriginSetup />
          </div>
          {/* Narrow screens have no room for the sidebar: the same list, folded. */}
          <details className="rounded-xl border border-zinc-200 bg-white lg:hidden dark:border-zinc-800 dark:bg-zinc-900/60">
            <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold select-none">Routes ({doc.paths.length})</summary>
            <RoutesNav paths={doc.paths} className="max-h-[60vh] overflow-auto border-t border-zinc-200 p-2 dark:border-zinc-800" />
          </details>
        </header>

        <CaptureToCi />

        {doc.paths.map((item) => (
          <section key={item.path} aria-labelledby={slug("path", item.path)} className="space-y-3">
            <h2 id={slug("path", item.path)} className="font-mono text-base font-semibold">
              <PathText path={item.path} />
            </h2>
            {item.operations.map((operation) => (
              <OperationCard key={operation.method} path={item.path} operation={operation} pathParameters={item.parameters} schemas={schemas} />
            ))}
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-title" className="scroll-mt-20 space-y-3">
          <h2 id="schemas-title" className="text-lg font-semibold tracking-tight">
            Schemas
          </h2>
          {doc.schemas.map(([name, schema]) => (
            <details
              key={name}
              id={`schema-${name}`}
              className="scroll-mt-20 rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60"
            >
              <summary className="cursor-pointer px-4 py-2.5 font-mono text-sm font-semibold select-none">{name}</summary>
              <pre className="max-h-[32rem] overflow-auto border-t border-zinc-200 p-4 font-mono text-[12.5px] leading-5 dark:border-zinc-800">
                {prettySchema(schema)}
              </pre>
            </details>
          ))}
        </section>
      </div>
    </main>
  );
}
