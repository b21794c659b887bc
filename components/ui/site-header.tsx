import Link from "next/link";
import { Logo } from "./logo";
import { AccountMenu } from "./account-menu";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-20 h-14 shrink-0 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-full max-w-screen-2xl items-center justify-between gap-3 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight outline-offset-4">
          <Logo className="size-6" />
          <span>Hookscope</span>
        </Link>
        <div className="flex items-center gap-3 sm:gap-4">
          <span className="hidden text-xs text-zinc-500 md:inline dark:text-zinc-400">Self-hosted webhook inspector</span>
          <Link
            href="/docs"
            className="rounded-md text-sm font-medium whitespace-nowrap text-zinc-600 outline-offset-4 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white"
          >
            API docs
          </Link>
          <ThemeToggle />
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}
