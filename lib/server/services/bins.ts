import { z } from "zod";
import type { AccountBinList, AdminBinList, BinInfo, CreatedBin } from "@/lib/shared/api-types";
import { BinNameSchema } from "@/lib/server/bins/naming";
import { applySettingsPatch, parseStoredSettings, SettingsPatchSchema, type BinSettings } from "@/lib/shared/settings/settings";
import { env } from "@/lib/server/env";
import { BinNotFoundError, ConflictError, SignInRequiredError, ValidationError } from "@/lib/shared/errors";
import { listBinsOfTeams, listTeamsOfUser } from "@/lib/server/queries/teams";
import { requireTeamForBins } from "@/lib/server/services/teams";
import { newBinId, newToken } from "@/lib/server/ids";
import { claimBinFor, createBin, deleteBin, listAllBins, listBinsOfUser, updateBin, type BinRecord } from "@/lib/server/queries/bins";
import { deleteAllRequests, storedRequests } from "@/lib/server/queries/requests";
import { publish } from "@/lib/server/realtime/bus";
import { hashToken, type BinAccess } from "@/lib/server/services/access";
import { outboundRoleOf } from "@/lib/server/services/instance-policy";
import { binUrls } from "@/lib/server/urls";
import { isManagedBin } from "@/lib/server/config/managed";
import { parseInput } from "@/lib/server/validation";

const DAY_MS = 86_400_000;
/** The longest an owner may push a bin's expiry ahead of now. */
export const MAX_LIFETIME_DAYS = 365;

export const CreateBinSchema = z
  .object({
    name: BinNameSchema.optional(),
    /** A team the creator may change bins of: the bin then belongs to the team. */
    team: z.string().min(1).max(64).optional(),
  })
  .strict();

export const ClaimBinSchema = z.strictObject({ team: z.string().min(1).max(64).optional() });

export const UpdateBinSchema = z
  .object({
    /** An ISO time up to a year ahead, or null for never (only when the operator keeps bins forever). */
    expiresAt: z.iso.datetime({ offset: true, error: "expiresAt must be an ISO 8601 time such as 2030-01-01T00:00:00Z" }).nullable().optional(),
    maxRequests: z.number().int().min(1, "maxRequests must be at least 1").optional(),
    settings: SettingsPatchSchema.optional(),
  })
  .strict();

function defaultExpiry(now: number): Date | null {
  const days = env().BIN_TTL_DAYS;
  return days > 0 ? new Date(now + days * DAY_MS) : null;
}

/** `creatorId`: the signed-in creator (or API key's user), whose account, or team, the bin then follows to any browser. */
export async function createNewBin(origin: string, input: unknown = {}, creatorId: string | null = null): Promise<CreatedBin> {
  const { name, team } = parseInput(CreateBinSchema, input ?? {});
  if (team !== undefined) {
    if (creatorId === null) throw new SignInRequiredError("A team bin is created signed in, or with a write API key.");
    await requireTeamForBins(team, creatorId);
  }
  const ownerToken = newToken();
  const bin = await createBin({
    id: name ?? newBinId(),
    ownerTokenHash: hashToken(ownerToken),
    shareToken: newToken(),
    expiresAt: defaultExpiry(Date.now()),
    maxRequests: env().BIN_MAX_REQUESTS,
    ownerUserId: team === undefined ? creatorId : null,
    ownerTeamId: team ?? null,
  });
  if (!bin) throw new ConflictError("name_taken", `The bin name "${name}" is taken; pick another.`);
  const urls = binUrls(origin, bin.id, bin.shareToken);
  return { id: bin.id, ...urls, ownerToken, ownerUrl: `${urls.inspectUrl}#owner=${encodeURIComponent(ownerToken)}` };
}

export async function describeBin(access: BinAccess, origin: string): Promise<BinInfo> {
  const { bin, role } = access;
  const urls = binUrls(origin, bin.id, bin.shareToken);
  return {
    id: bin.id,
    createdAt: bin.createdAt.toISOString(),
    expiresAt: bin.expiresAt?.toISOString() ?? null,
    maxRequests: bin.maxRequests,
    requestCount: storedRequests(bin),
    pruned: bin.prunedCount,
    refused: {
      rateLimited: bin.refusedRateLimited,
      tooLarge: bin.refusedTooLarge,
      overloaded: bin.refusedOverloaded,
      unauthorized: bin.refusedUnauthorized,
      forbidden: bin.refusedForbidden,
      lastAt: bin.lastRefusedAt?.toISOString() ?? null,
    },
    undeliveredDropped: bin.undeliveredDropped,
    captureUrl: urls.captureUrl,
    role,
    managed: isManagedBin(bin.id),
    ...(role === "owner" ? { shareUrl: urls.shareUrl, followsAccount: bin.ownerUserId !== null || bin.ownerTeamId !== null } : {}),
  };
}

const ADMIN_LIST_LIMIT = 1000;

/** Admins: every bin on the instance (the newest 1,000) and whom it belongs to. */
export async function listAllBinsForAdmin(origin: string): Promise<AdminBinList> {
  const bins = await listAllBins(ADMIN_LIST_LIMIT);
  return {
    bins: bins.map((bin) => {
      const { captureUrl, inspectUrl } = binUrls(origin, bin.id, bin.shareToken);
      const owner = bin.ownerTeam ? `team ${bin.ownerTeam.name}` : bin.ownerUser ? (bin.ownerUser.email ?? "an account") : "owner token only";
      const team = bin.ownerTeamId && bin.ownerTeam ? { id: bin.ownerTeamId, name: bin.ownerTeam.name } : null;
      return { id: bin.id, createdAt: bin.createdAt.toISOString(), expiresAt: bin.expiresAt?.toISOString() ?? null, captureUrl, inspectUrl, team, owner };
    }),
  };
}

/** The account's own bins and its teams' bins, newest first. */
export async function listAccountBins(userId: string, origin: string): Promise<AccountBinList> {
  const teams = await listTeamsOfUser(userId);
  const teamNames = new Map(teams.map(({ team }) => [team.id, team.name]));
  const [own, ofTeams] = await Promise.all([listBinsOfUser(userId), listBinsOfTeams([...teamNames.keys()])]);
  return {
    bins: [...own, ...ofTeams]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((bin) => {
        const { captureUrl, inspectUrl } = binUrls(origin, bin.id, bin.shareToken);
        const team = bin.ownerTeamId ? { id: bin.ownerTeamId, name: teamNames.get(bin.ownerTeamId) ?? "" } : null;
        return { id: bin.id, createdAt: bin.createdAt.toISOString(), expiresAt: bin.expiresAt?.toISOString() ?? null, captureUrl, inspectUrl, team };
      }),
  };
}

/**
 * Attaches a bin the caller owns by token to their account. A bin already in another account stays
 * there: the token proves ownership of the bin, not the right to take it from someone's account.
 */
export async function claimBin(bin: BinRecord, userId: string, input: unknown): Promise<BinRecord> {
  refuseIfManaged(bin.id);
  const { team } = parseInput(ClaimBinSchema, input ?? {});
  if (team !== undefined) await requireTeamForBins(team, userId);
  const owner = team !== undefined ? { ownerUserId: null, ownerTeamId: team } : { ownerUserId: userId, ownerTeamId: null };
  if (bin.ownerUserId === owner.ownerUserId && bin.ownerTeamId === owner.ownerTeamId) return bin;
  const claimed = await claimBinFor(bin.id, userId, owner);
  if (!claimed) throw new ConflictError("claimed_by_another", "This bin already belongs to another account or a team.");
  return claimed;
}

/** Which parts of a settings change were sent, for the audit log (values stay out: they may hold tokens). */
export function changedParts(patch: unknown): string[] {
  if (typeof patch !== "object" || patch === null) return [];
  const { settings, ...top } = patch as Record<string, unknown>;
  const inner = typeof settings === "object" && settings !== null ? Object.keys(settings).map((key) => `settings.${key}`) : [];
  return [...Object.keys(top), ...inner].sort();
}

export function binSettings(bin: BinRecord): BinSettings {
  return parseStoredSettings(bin.settings);
}

/** Owner changes: expiry, retention, response settings. Settings apply to the next capture. */
/** Refuses a change to a bin HOOKSCOPE_CONFIG declares: the next start would undo it. */
export function refuseIfManaged(binId: string): void {
  if (isManagedBin(binId)) {
    throw new ConflictError(
      "managed_by_config",
      "This bin is managed by configuration (HOOKSCOPE_CONFIG): change it in that file; the server applies it at start.",
    );
  }
}

export async function updateBinSettings(access: BinAccess, input: unknown): Promise<BinRecord> {
  const { bin } = access;
  const patch = parseInput(UpdateBinSchema, input);
  refuseIfManaged(bin.id);
  const now = Date.now();
  const { BIN_TTL_DAYS, BIN_MAX_REQUESTS } = env();
  if (patch.expiresAt !== undefined) {
    if (patch.expiresAt === null && BIN_TTL_DAYS > 0) {
      throw new ValidationError("expiresAt: this server does not keep bins forever; choose a time up to a year ahead");
    }
    if (patch.expiresAt !== null) {
      const at = Date.parse(patch.expiresAt);
      if (at <= now) throw new ValidationError("expiresAt: must be in the future");
      if (at > now + MAX_LIFETIME_DAYS * DAY_MS) throw new ValidationError(`expiresAt: at most ${MAX_LIFETIME_DAYS} days ahead`);
    }
  }
  if (patch.maxRequests !== undefined && patch.maxRequests > BIN_MAX_REQUESTS) {
    throw new ValidationError(`maxRequests: at most ${BIN_MAX_REQUESTS} on this server`);
  }
  const updated = await updateBin(bin.id, {
    ...(patch.expiresAt !== undefined ? { expiresAt: patch.expiresAt === null ? null : new Date(patch.expiresAt) } : {}),
    ...(patch.maxRequests !== undefined ? { maxRequests: patch.maxRequests } : {}),
    ...(patch.settings ? { settings: JSON.stringify(applySettingsPatch(binSettings(bin), patch.settings, bin.captureCount)) } : {}),
    // The forwards are sent for whoever last set them up: the instance policy may treat their roles apart.
    ...(patch.settings?.forward ? { forwardRole: await outboundRoleOf(access) } : {}),
  });
  if (!updated) throw new BinNotFoundError();
  return updated;
}

export async function removeBin(binId: string): Promise<void> {
  refuseIfManaged(binId);
  // In chunks first (see deleteAllRequests); the bin's own delete then cascades over what came since.
  await deleteAllRequests(binId);
  if (!(await deleteBin(binId))) throw new BinNotFoundError();
  publish("bin.deleted", { binId });
}

/** Offers the last replay target again next time; a lost race with a settings change only loses this hint. */
export async function rememberReplayTarget(bin: BinRecord, targetUrl: string): Promise<void> {
  const settings = binSettings(bin);
  if (settings.lastReplayTarget === targetUrl) return;
  await updateBin(bin.id, { settings: JSON.stringify({ ...settings, lastReplayTarget: targetUrl }) });
}

/** A new share token: the old share link stops working at once, and viewers connected with it are let go. */
export async function rotateShareToken(bin: BinRecord): Promise<BinRecord> {
  const updated = await updateBin(bin.id, { shareToken: newToken() });
  if (!updated) throw new BinNotFoundError();
  publish("bin.shareRevoked", { binId: bin.id });
  return updated;
}
