import { CurlSnippet } from "./curl-snippet";

/** What a brand-new bin shows instead of a detail pane: how to send the first request. */
export function EmptyState({ captureUrl }: { captureUrl: string }) {
  return (
    <section
      aria-label="No requests yet"
      className="flex min-h-80 flex-col items-center justify-center rounded-xl border border-dashed border-zinc-300 bg-white/50 p-8 text-center dark:border-zinc-700 dark:bg-zinc-900/30"
    >
      <div className="relative mb-4 flex size-10 items-center justify-center" aria-hidden="true">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-indigo-400/30" />
        <span className="relative size-3 rounded-full bg-indigo-500" />
      </div>
      <h2 className="text-lg font-semibold tracking-tight">Waiting for the first request</h2>
      <p className="mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        Point a webhook at the capture URL, or paste this into a terminal. The request shows up here the moment it arrives; no reload needed.
      </p>
      <div className="mt-5 w-full max-w-2xl text-left">
        <CurlSnippet captureUrl={captureUrl} label="Try it" />
      </div>
    </section>
  );
}
