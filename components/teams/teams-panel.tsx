"use client";
import { useState, type FormEvent } from "react";
import { createTeam, listTeams } from "@/lib/client/teams";
import { useAccountData } from "@/lib/client/use-account-data";
import { errorMessage } from "@/lib/shared/errors";
import { SignInNeeded } from "@/components/account/sign-in-needed";
import { Button } from "@/components/ui/button";
import { TeamCard } from "./team-card";
import { AccountList } from "@/components/account/account-list";

export function TeamsPanel() {
  const { me, signedIn, data: teams, reload } = useAccountData(listTeams);
  const [problem, setProblem] = useState<string | null>(null);

  if (!signedIn) return <SignInNeeded me={me} returnTo="/teams" what="to see and create teams" />;

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    setProblem(null);
    createTeam(String(new FormData(target).get("name") ?? "")).then(
      () => {
        target.reset();
        reload();
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  };

  return (
    <div className="mt-6 flex flex-col gap-6">
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          New team
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. Payments"
            className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </label>
        <Button type="submit" variant="primary">
          Create team
        </Button>
      </form>
      {problem && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {problem}
        </p>
      )}
      <AccountList
        data={teams}
        items={(value) => value.teams}
        what="your teams"
        empty="You are in no team yet. Create one, or open an invitation link a team owner sent you."
      >
        {(list) => list.map((team) => <TeamCard key={team.id} teamId={team.id} />)}
      </AccountList>
    </div>
  );
}
