import { CopyButton } from "@/components/ui/copy-button";

/** A shell command in a dark block, with a copy button beside its title. */
export function CurlBlock({ title, code, label }: { title: string; code: string; label: string }) {
  return (
    <section className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</h4>
        <CopyButton text={code} label={`Copy ${label}`} />
      </div>
      <pre
        aria-label={label}
        className="overflow-x-auto rounded-md bg-zinc-900 px-3 py-2.5 font-mono text-[12.5px] leading-relaxed whitespace-pre text-zinc-100 ring-1 ring-zinc-800 dark:bg-black/40"
      >
        {code}
      </pre>
    </section>
  );
}
