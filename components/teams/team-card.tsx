"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CreatedInvite, TeamDetail } from "@/lib/shared/api-types";
import { saveOwnedBin } from "@/lib/client/bin-store";
import { createInvite, createTeamBin, getTeam } from "@/lib/client/teams";
import { errorMessage } from "@/lib/shared/errors";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { HistoryButton } from "@/components/audit/history-button";

type Role = TeamDetail["role"];

/** One team: its members, and what the caller's role allows (a team bin; invitation links for owners). */
export function TeamCard({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [team, setTeam] = useState<TeamDetail | null>(null);
  const [invite, setInvite] = useState<CreatedInvite | null>(null);
  const [inviteRole, setInviteRole] = useState<Role>("member");
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getTeam(teamId, controller.signal).then(setTeam, (error: unknown) => {
      if (!controller.signal.aborted) setProblem(errorMessage(error));
    });
    return () => controller.abort();
  }, [teamId]);

  const fail = (error: unknown) => setProblem(errorMessage(error));
  const newBin = () =>
    createTeamBin(teamId).then((bin) => {
      saveOwnedBin({ id: bin.id, ownerToken: bin.ownerToken, createdAt: new Date().toISOString() });
      router.push(`/bins/${encodeURIComponent(bin.id)}`);
    }, fail);
  const newInvite = () => createInvite(teamId, inviteRole).then(setInvite, fail);

  return (
    <section
      aria-label={team ? `Team ${team.name}` : "Team"}
      className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      {!team ? (
        problem ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
            {problem}
          </p>
        ) : (
          <div className="h-16 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-900" />
        )
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-base font-semibold tracking-tight">{team.name}</h2>
            <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">you: {team.role}</span>
            {team.role !== "viewer" && (
              <Button size="sm" variant="secondary" className="ml-auto" onClick={() => void newBin()}>
                New team bin
              </Button>
            )}
          </div>
          <ul aria-label={`Members of ${team.name}`} className="mt-3 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {team.members.map((member) => (
              <li key={member.userId} className="flex items-center justify-between gap-3 py-1.5">
                <span className="min-w-0 truncate">{member.email ?? member.name ?? member.userId}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{member.role}</span>
              </li>
            ))}
          </ul>
          {team.role === "owner" && (
            <div className="mt-4 flex flex-col gap-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
              <div className="flex flex-wrap items-end gap-3">
                <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  Invite as
                  <select
                    value={inviteRole}
                    onChange={(event) => setInviteRole(event.target.value as Role)}
                    className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
                  >
                    <option value="member">member</option>
                    <option value="viewer">viewer</option>
                    <option value="owner">owner</option>
                  </select>
                </label>
                <Button size="md" variant="secondary" onClick={() => void newInvite()}>
                  Create invitation link
                </Button>
                <span className="ml-auto">
                  <HistoryButton
                    source={{ path: `/api/teams/${encodeURIComponent(team.id)}/audit`, label: `Changes to ${team.name}` }}
                    description="Who invited whom, who joined, changed a role, was removed or left, and when."
                  />
                </span>
              </div>
              {invite && (
                <div>
                  <CopyField label={`Invitation link (${invite.role})`} value={invite.url} copyLabel="Copy invitation link" />
                  <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                    Works once, until {new Date(invite.expiresAt).toLocaleString()}. Whoever opens it signed in joins the team.
                  </p>
                </div>
              )}
            </div>
          )}
          {problem && (
            <p role="alert" className="mt-3 text-sm text-rose-700 dark:text-rose-300">
              {problem}
            </p>
          )}
        </>
      )}
    </section>
  );
}
