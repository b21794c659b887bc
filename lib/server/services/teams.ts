import { randomBytes, randomUUID } from "node:crypto";
import { sha256Hex } from "@/lib/server/ids";
import { z } from "zod";
import type { AuditList, CreatedInvite, JoinedTeam, TeamDetail, TeamList } from "@/lib/shared/api-types";
import { ConflictError, DomainError, ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { parseInput } from "@/lib/server/validation";
import { findUser, type UserRecord } from "@/lib/server/queries/users";
import { auditTeam, readAudit, userLabel } from "./audit";
import {
  acceptInvite,
  changeMembership,
  findTeam,
  findTeamRole,
  insertInvite,
  insertTeamWithOwner,
  listMembers,
  listTeamsOfUser,
  type TeamRecord,
  type TeamRole,
} from "@/lib/server/queries/teams";

const HOUR_MS = 3_600_000;
const TeamRoleSchema = z.enum(["owner", "member", "viewer"], { error: 'role must be "owner", "member" or "viewer"' });

export const CreateTeamSchema = z.strictObject({ name: z.string().trim().min(1, "name the team").max(100, "a team's name may be at most 100 characters") });
export const CreateInviteSchema = z.strictObject({
  role: TeamRoleSchema,
  expiresInHours: z.number().int().min(1).max(720, "an invite lasts at most 30 days (720 hours)").default(72),
});
export const AcceptInviteSchema = z.strictObject({ token: z.string().min(1).max(200) });
export const MemberChangeSchema = z.strictObject({ role: TeamRoleSchema });

export class TeamNotFoundError extends DomainError {
  constructor() {
    super("team_not_found", "No team with that id among yours.", 404);
  }
}

/** The caller's role in the team; an unknown team and one they are not in answer alike. */
async function requireTeamRole(teamId: string, userId: string, need: TeamRole = "viewer"): Promise<{ team: TeamRecord; role: TeamRole }> {
  const role = await findTeamRole(teamId, userId);
  const team = role ? await findTeam(teamId) : null;
  if (!role || !team) throw new TeamNotFoundError();
  if (need === "owner" && role !== "owner") throw new ForbiddenError("Only the team's owners may do this.");
  if (need === "member" && role === "viewer") throw new ForbiddenError("A team viewer may only read the team's bins.");
  return { team, role };
}

/** What a team role lets a member do with the team's bins: owners configure them, members use them, viewers read. */
export function binRoleOfTeamRole(role: TeamRole): "owner" | "operator" | "viewer" {
  return role === "owner" ? "owner" : role === "member" ? "operator" : "viewer";
}

export async function createTeam(userId: string, input: unknown): Promise<TeamDetail> {
  const { name } = parseInput(CreateTeamSchema, input);
  const team = await insertTeamWithOwner({ id: randomUUID(), name, createdAt: new Date() }, userId);
  return describeTeam(userId, team.id);
}

export async function listMyTeams(userId: string): Promise<TeamList> {
  return { teams: (await listTeamsOfUser(userId)).map(({ team, role }) => ({ id: team.id, name: team.name, role })) };
}

export async function describeTeam(userId: string, teamId: string): Promise<TeamDetail> {
  const { team, role } = await requireTeamRole(teamId, userId);
  const members = await listMembers(teamId);
  return {
    id: team.id,
    name: team.name,
    role,
    members: members.map(({ user, role: memberRole }) => ({ userId: user.id, email: user.email, name: user.name, role: memberRole })),
  };
}

/** A single-use link; the token is in its fragment so that it stays out of server and proxy logs. */
export async function createInvite(actor: UserRecord, teamId: string, input: unknown, origin: string): Promise<CreatedInvite> {
  const userId = actor.id;
  await requireTeamRole(teamId, userId, "owner");
  const { role, expiresInHours } = parseInput(CreateInviteSchema, input);
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const invite = await insertInvite({
    id: randomUUID(),
    teamId,
    role,
    tokenHash: sha256Hex(token),
    createdById: userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + expiresInHours * HOUR_MS),
  });
  await auditTeam(teamId, actor, "team.invited", { role, expiresAt: invite.expiresAt.toISOString() });
  return { url: `${origin}/invite#token=${token}`, role, expiresAt: invite.expiresAt.toISOString() };
}

export async function joinTeam(actor: UserRecord, input: unknown): Promise<JoinedTeam> {
  const { token } = parseInput(AcceptInviteSchema, input);
  const joined = await acceptInvite(sha256Hex(token), actor.id, new Date());
  if (!joined) throw new ValidationError("This invitation is not valid any more: it was used, it expired, or the link is incomplete. Ask for a new one.");
  await auditTeam(joined.team.id, actor, "team.joined", { role: joined.role });
  return { id: joined.team.id, name: joined.team.name, role: joined.role };
}

/** An owner changes a member's role or removes them; anyone may leave. A team always keeps an owner. */
export async function changeMember(actor: UserRecord, teamId: string, memberId: string, role: TeamRole | null): Promise<void> {
  const actorId = actor.id;
  if (!(role === null && actorId === memberId)) await requireTeamRole(teamId, actorId, "owner");
  else await requireTeamRole(teamId, actorId);
  const changed = await changeMembership(teamId, memberId, role);
  if (changed === null) throw new DomainError("member_not_found", "That person is not in this team.", 404);
  if (!changed) throw new ConflictError("last_owner", "A team keeps at least one owner: make someone else an owner first.");
  // Named as the owners know them: an id alone says nothing once the person has left the team.
  const memberUser = memberId === actorId ? null : await findUser(memberId);
  const member = memberId === actorId ? "themselves" : memberUser ? userLabel(memberUser) : memberId;
  await auditTeam(teamId, actor, role === null ? (memberId === actorId ? "member.left" : "member.removed") : "member.role", {
    member,
    ...(role ? { role } : {}),
  });
}

/** Team owners read who changed what in the team. */
export async function readTeamAudit(userId: string, teamId: string): Promise<AuditList> {
  await requireTeamRole(teamId, userId, "owner");
  return readAudit({ teamId });
}

/** For a bin created or claimed into a team: the creator must be able to change the team's bins. */
export async function requireTeamForBins(teamId: string, userId: string): Promise<void> {
  await requireTeamRole(teamId, userId, "member");
}
