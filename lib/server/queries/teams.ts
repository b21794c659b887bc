import { db } from "@/lib/server/db/client";
import type { BinRecord } from "./bins";
import type { UserRecord } from "./users";

export type TeamRole = "owner" | "member" | "viewer";

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface InviteRecord {
  id: string;
  teamId: string;
  role: string;
  tokenHash: string;
  createdById: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedById: string | null;
}

export async function insertTeamWithOwner(team: TeamRecord, ownerId: string): Promise<TeamRecord> {
  return db().team.create({ data: { ...team, members: { create: { userId: ownerId, role: "owner", createdAt: team.createdAt } } } });
}

export async function findTeam(teamId: string): Promise<TeamRecord | null> {
  return db().team.findUnique({ where: { id: teamId } });
}

/** The user's role in the team, or null when not a member. */
export async function findTeamRole(teamId: string, userId: string): Promise<TeamRole | null> {
  const member = await db().teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } });
  return (member?.role as TeamRole | undefined) ?? null;
}

export async function listTeamsOfUser(userId: string): Promise<{ team: TeamRecord; role: TeamRole }[]> {
  const memberships = await db().teamMember.findMany({ where: { userId }, include: { team: true }, orderBy: { createdAt: "asc" } });
  return memberships.map(({ team, role }) => ({ team, role: role as TeamRole }));
}

export async function listMembers(teamId: string): Promise<{ user: UserRecord; role: TeamRole }[]> {
  const members = await db().teamMember.findMany({ where: { teamId }, include: { user: true }, orderBy: { createdAt: "asc" } });
  return members.map(({ user, role }) => ({ user, role: role as TeamRole }));
}

export async function insertInvite(invite: Omit<InviteRecord, "usedAt" | "usedById">): Promise<InviteRecord> {
  return db().teamInvite.create({ data: invite });
}

/**
 * Spends the invite and makes the user a member in one transaction: an invite is used once, and a
 * member who already belongs keeps the higher of the two roles' ranks. Null when the invite is
 * unknown, used or expired.
 */
export async function acceptInvite(tokenHash: string, userId: string, now: Date): Promise<{ team: TeamRecord; role: TeamRole } | null> {
  return db().$transaction(async (tx) => {
    const invite = await tx.teamInvite.findUnique({ where: { tokenHash }, include: { team: true } });
    if (!invite || invite.usedAt !== null || invite.expiresAt <= now) return null;
    const spent = await tx.teamInvite.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: now, usedById: userId } });
    if (spent.count === 0) return null;
    const existing = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: invite.teamId, userId } } });
    const role = existing && RANK[existing.role as TeamRole] >= RANK[invite.role as TeamRole] ? (existing.role as TeamRole) : (invite.role as TeamRole);
    await tx.teamMember.upsert({
      where: { teamId_userId: { teamId: invite.teamId, userId } },
      create: { teamId: invite.teamId, userId, role, createdAt: now },
      update: { role },
    });
    return { team: invite.team, role };
  });
}

const RANK: Record<TeamRole, number> = { viewer: 0, member: 1, owner: 2 };

/**
 * Changes or removes a membership unless that would leave the team without an owner; returns
 * false in that case (and null when there is no such member).
 */
export async function changeMembership(teamId: string, userId: string, role: TeamRole | null): Promise<boolean | null> {
  return db().$transaction(async (tx) => {
    const member = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!member) return null;
    if (member.role === "owner" && role !== "owner") {
      const owners = await tx.teamMember.count({ where: { teamId, role: "owner" } });
      if (owners <= 1) return false;
    }
    if (role === null) await tx.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
    else await tx.teamMember.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
    return true;
  });
}

/** Bins of these teams, newest first. */
export async function listBinsOfTeams(teamIds: string[], limit = 500): Promise<BinRecord[]> {
  if (teamIds.length === 0) return [];
  return db().bin.findMany({ where: { ownerTeamId: { in: teamIds } }, orderBy: { createdAt: "desc" }, take: limit });
}
