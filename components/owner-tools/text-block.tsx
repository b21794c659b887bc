/**
 * Text from elsewhere (a target's answer, a signed payload) shown as plain characters in a <pre>:
 * React escapes it, so HTML in it is displayed, never rendered.
 */
export function TextBlock({ label, text, className = "" }: { label: string; text: string; className?: string }) {
  return (
    <pre
      aria-label={label}
      className={`max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-[13px] leading-5 break-all whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-950 dark:text-zinc-200 dark:ring-zinc-800 ${className}`}
    >
      {text}
    </pre>
  );
}
