import type { Metadata } from "next";
import { TeamsPanel } from "@/components/teams/teams-panel";

export const metadata: Metadata = { title: "Teams", robots: { index: false, follow: false } };

export default function TeamsPage() {
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Teams</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A team&apos;s bins open for every member: owners manage the team, members use and change its bins, viewers read them.
      </p>
      <TeamsPanel />
    </main>
  );
}
