"use client";
import { useId, useState } from "react";
import { maskedOwnerLink, ownerLink } from "@/lib/client/owner-link";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EyeIcon } from "@/components/ui/icons";

/**
 * The owner token as a link, to open this bin as owner in another browser. It is a password: masked
 * until asked, and carried in the fragment, which browsers never send to a server.
 */
export function OwnerLinkField({ binId, ownerToken, origin }: { binId: string; ownerToken: string; origin: string }) {
  const [revealed, setRevealed] = useState(false);
  const id = useId();
  const link = ownerLink(origin, binId, ownerToken);
  const masked = maskedOwnerLink(origin, binId);
  return (
    <div className="min-w-0">
      <div className="mb-1 flex items-baseline gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
        <label htmlFor={id}>Owner link</label>
        <span className="font-normal text-amber-700 dark:text-amber-300">secret: full control, keep it private</span>
      </div>
      <div className="flex min-w-0 items-center gap-1 rounded-md bg-zinc-100 py-1 pr-1 pl-3 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-900 dark:ring-zinc-800">
        <input
          id={id}
          readOnly
          value={revealed ? link : masked}
          spellCheck={false}
          onFocus={(event) => revealed && event.currentTarget.select()}
          className="min-w-0 flex-1 truncate bg-transparent font-mono text-sm text-zinc-800 outline-none dark:text-zinc-200"
        />
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={revealed}
          onClick={() => setRevealed((v) => !v)}
          title={revealed ? "Hide the owner link" : "Reveal the owner link"}
        >
          <EyeIcon className="size-3.5" /> {revealed ? "Hide" : "Reveal"}
        </Button>
        <CopyButton text={link} label="Copy owner link" />
      </div>
    </div>
  );
}
