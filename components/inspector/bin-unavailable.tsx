"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signInHref } from "@/lib/client/account";
import { buttonClass } from "@/components/ui/button";
import { LockIcon } from "@/components/ui/icons";

const COPY = {
  // No token at all: the server is not asked, since it answers an unknown bin and a private one alike.
  private: {
    title: "This bin is private",
    text: "Reading its requests takes the browser that created it, or one of its links: the owner link (…#owner=…) or a share link (…#share=…), copied in full including the part after #. A deleted or expired bin opens with neither.",
  },
  "not-found": {
    title: "Bin not found or link invalid",
    text: "This bin does not exist, was deleted, or the link you followed is missing its access key. Share links must be copied in full, including the part after #.",
  },
  revoked: {
    title: "This share link is no longer valid",
    text: "The bin's owner replaced the share link, which revokes the old one. Ask them for the new link.",
  },
  deleted: {
    title: "This bin was deleted",
    text: "Its owner deleted the bin and every request captured in it. The capture URL no longer accepts requests.",
  },
} as const;

/** `signInEnabled`: a private bin may belong to an account; offer the way in. */
export function BinUnavailable({ reason, signInEnabled = false }: { reason: keyof typeof COPY; signInEnabled?: boolean }) {
  const { title, text } = COPY[reason];
  const pathname = usePathname();
  return (
    <main className="mx-auto flex w-full max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <div className="mb-5 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-2xl dark:bg-zinc-900" aria-hidden="true">
        {reason === "private" ? <LockIcon className="size-5" /> : "∅"}
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
      <div className="mt-6 flex gap-3">
        {signInEnabled && (
          <a href={signInHref(pathname)} className={buttonClass("primary", "md")}>
            Sign in to open it
          </a>
        )}
        <Link href="/" className={buttonClass(signInEnabled ? "secondary" : "primary", "md")}>
          Back to Hookscope
        </Link>
      </div>
    </main>
  );
}
