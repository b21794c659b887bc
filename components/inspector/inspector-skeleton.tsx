export function InspectorSkeleton() {
  return (
    <main aria-busy="true" aria-label="Loading bin" className="mx-auto w-full max-w-screen-2xl flex-1 animate-pulse px-4 py-5 sm:px-6">
      <div className="h-28 rounded-xl bg-zinc-200/70 dark:bg-zinc-900" />
      <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(18rem,24rem)_1fr]">
        <div className="h-96 rounded-xl bg-zinc-200/70 dark:bg-zinc-900" />
        <div className="h-96 rounded-xl bg-zinc-200/70 dark:bg-zinc-900" />
      </div>
    </main>
  );
}
