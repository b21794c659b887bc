const STEPS = [
  { title: "Create a bin", text: "You get a capture URL and a private inspector page." },
  { title: "Send requests", text: "Any method, any sub-path, any body: everything is stored as received." },
  { title: "Inspect live", text: "Requests appear instantly. Share a read-only link with your team." },
] as const;

export function HowItWorks() {
  return (
    <ol className="mt-14 grid gap-3 sm:grid-cols-3">
      {STEPS.map((step, index) => (
        <li key={step.title} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60">
          <div className="flex items-center gap-2 text-sm font-semibold">
            <span className="flex size-5 items-center justify-center rounded-full bg-zinc-900 text-[11px] text-white dark:bg-zinc-100 dark:text-zinc-900">
              {index + 1}
            </span>
            {step.title}
          </div>
          <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{step.text}</p>
        </li>
      ))}
    </ol>
  );
}
