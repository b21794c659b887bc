import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex w-full max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="font-mono text-sm text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Capture URLs live under <code className="font-mono">/h/&lt;bin&gt;</code> and inspectors under <code className="font-mono">/bins/&lt;bin&gt;</code>.
      </p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Back to Hookscope
      </Link>
    </main>
  );
}
