import { curlExample } from "@/lib/client/curl";
import { CopyButton } from "@/components/ui/copy-button";

export function CurlSnippet({ captureUrl, label = "Example request" }: { captureUrl: string; label?: string }) {
  const command = curlExample(captureUrl);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex items-center justify-between text-xs font-medium text-zinc-500 dark:text-zinc-400">
        <span>{label}</span>
        <CopyButton text={command} label="Copy curl command" showText />
      </figcaption>
      {/* Wrapped, not scrolled sideways: the line-ending backslashes must stay in view. */}
      <pre className="rounded-md bg-zinc-900 px-3 py-2.5 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap text-zinc-100 ring-1 ring-zinc-800 [overflow-wrap:anywhere] dark:bg-black/40">
        <code>{command}</code>
      </pre>
    </figure>
  );
}
