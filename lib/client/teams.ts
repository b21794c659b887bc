import { CreatedBinSchema, CreatedInviteSchema, JoinedTeamSchema, TeamDetailSchema, TeamListSchema } from "@/lib/shared/contract";
import type { CreatedBin, CreatedInvite, JoinedTeam, TeamDetail, TeamList } from "@/lib/shared/api-types";
import { json } from "./api";

const teamPath = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;

export function listTeams(signal?: AbortSignal): Promise<TeamList> {
  return json(TeamListSchema, "/api/teams", { signal });
}

export function getTeam(teamId: string, signal?: AbortSignal): Promise<TeamDetail> {
  return json(TeamDetailSchema, teamPath(teamId), { signal });
}

export function createTeam(name: string): Promise<TeamDetail> {
  return json(TeamDetailSchema, "/api/teams", { method: "POST", json: { name } });
}

export function createInvite(teamId: string, role: "owner" | "member" | "viewer"): Promise<CreatedInvite> {
  return json(CreatedInviteSchema, `${teamPath(teamId)}/invites`, { method: "POST", json: { role } });
}

export function acceptInvite(token: string): Promise<JoinedTeam> {
  return json(JoinedTeamSchema, "/api/invites/accept", { method: "POST", json: { token } });
}

/** A bin that belongs to the team: every member opens it by their role. */
export function createTeamBin(teamId: string): Promise<CreatedBin> {
  return json(CreatedBinSchema, "/api/bins", { method: "POST", json: { team: teamId } });
}
