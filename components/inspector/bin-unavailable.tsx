import Link from "next/link";
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

export function BinUnavailable({ reason }: { reason: keyof typeof COPY }) {
  const { title, text } = COPY[reason];
  return (
    <main className="mx-auto flex w-full max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <div className="mb-5 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-2xl dark:bg-zinc-900" aria-hidden="true">
        {reason === "private" ? <LockIcon className="size-5" /> : "∅"}
      </div>
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Back to Hookscope
      </Link>
    </main>
  );
}
