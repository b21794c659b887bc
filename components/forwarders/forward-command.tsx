import { forwardCommand, maskedOwnerLink, ownerLink } from "@/lib/client/owner-link";
import { CopyButton } from "@/components/ui/copy-button";

interface ForwardCommandProps {
  binId: string;
  token: string;
  /** The app's public origin, for the owner link in the command. */
  origin: string;
}

/** The `hookscope forward` command for this bin, shown with the owner token masked and copied with it. */
export function ForwardCommand({ binId, token, origin }: ForwardCommandProps) {
  // Opened through a signed-in account, this browser holds no owner token to put in the command.
  if (!token) {
    return (
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        The <code className="font-mono">hookscope forward</code> command carries the bin&apos;s owner token, which this browser does not hold: open the bin in
        the browser that created it, or through its owner link, to copy the command.
      </p>
    );
  }
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 flex items-center justify-between gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
        <span>Run on your machine (the copy includes the owner token)</span>
        <CopyButton text={forwardCommand(ownerLink(origin, binId, token))} label="Copy forward command" showText />
      </figcaption>
      <pre className="rounded-md bg-zinc-900 px-3 py-2.5 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap wrap-anywhere text-zinc-100 ring-1 ring-zinc-800 dark:bg-black/40">
        <code>{forwardCommand(maskedOwnerLink(origin, binId))}</code>
      </pre>
    </figure>
  );
}
