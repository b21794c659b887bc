import type { InstancePolicy } from "@/lib/shared/api-types";
import {
  DEFAULT_PRIVATE_TARGET_ROLES,
  InstancePolicyInputSchema,
  mayReachPrivate,
  OUTBOUND_ROLE_LABELS,
  OUTBOUND_ROLES,
  OutboundRoleSchema,
  type OutboundRole,
} from "@/lib/shared/instance-policy";
import { parseInput } from "@/lib/server/validation";
import { policyFromEnv, type TargetPolicy } from "@/lib/server/outbound/target-policy";
import { getInstancePolicy, putInstancePolicy } from "@/lib/server/queries/instance-policy";
import { findTeamRole } from "@/lib/server/queries/teams";
import type { UserRecord } from "@/lib/server/queries/users";
import type { BinAccess } from "./access";
import { auditInstance } from "./audit";

function storedRoles(json: string): OutboundRole[] {
  const parsed = OutboundRoleSchema.array().safeParse(JSON.parse(json));
  // A row this version cannot read opens nothing rather than everything.
  return parsed.success ? parsed.data : [];
}

async function privateTargetRoles(): Promise<{ roles: readonly OutboundRole[]; updatedAt: Date | null }> {
  const row = await getInstancePolicy();
  return row ? { roles: storedRoles(row.privateTargetRoles), updatedAt: row.updatedAt } : { roles: DEFAULT_PRIVATE_TARGET_ROLES, updatedAt: null };
}

export async function readInstancePolicy(): Promise<InstancePolicy> {
  const { roles, updatedAt } = await privateTargetRoles();
  const operator = policyFromEnv(process.env);
  return {
    privateTargetRoles: OUTBOUND_ROLES.filter((role) => mayReachPrivate(roles, role)),
    operatorAllowsPrivate: operator.allowPrivate,
    allowListEntries: operator.allowList.length,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

export async function updateInstancePolicy(admin: UserRecord, input: unknown): Promise<InstancePolicy> {
  const { privateTargetRoles: requested } = parseInput(InstancePolicyInputSchema, input);
  const before = (await readInstancePolicy()).privateTargetRoles;
  const roles = OUTBOUND_ROLES.filter((role) => mayReachPrivate(requested, role));
  await putInstancePolicy(JSON.stringify(roles), new Date());
  if (JSON.stringify(before) !== JSON.stringify(roles)) await auditInstance(admin, "policy.private_targets", { before, after: roles });
  return readInstancePolicy();
}

/** Whom a replay by this caller is sent for. Only called for a bin's owners (viewers cannot send). */
export async function outboundRoleOf(access: BinAccess): Promise<OutboundRole> {
  const caller = access.caller;
  const user = caller?.kind === "user" ? caller.signedIn.user : caller?.kind === "key" ? caller.user : null;
  if (!caller) return "admin";
  if (!user) return "owner_token";
  if (user.isAdmin) return "admin";
  if (access.bin.ownerTeamId !== null) return (await findTeamRole(access.bin.ownerTeamId, user.id)) === "owner" ? "team_owner" : "team_member";
  return "account";
}

/**
 * What a delivery sent for `role` may connect to: what the operator opened (ALLOW_PRIVATE_TARGETS,
 * OUTBOUND_ALLOW_LIST) if the instance policy lets this role use it, else public addresses only.
 * Read at every attempt, so a narrowed policy also holds queued forwards and retries back.
 */
export async function targetPolicyFor(role: OutboundRole): Promise<TargetPolicy> {
  const operator = policyFromEnv(process.env);
  if (!operator.allowPrivate && operator.allowList.length === 0) return operator;
  const { roles } = await privateTargetRoles();
  if (mayReachPrivate(roles, role)) return operator;
  const allowed = OUTBOUND_ROLES.filter((candidate) => mayReachPrivate(roles, candidate)).map((candidate) => OUTBOUND_ROLE_LABELS[candidate].toLowerCase());
  return {
    allowPrivate: false,
    allowList: [],
    closedByInstancePolicy: `This instance's admins let only these reach private addresses: ${allowed.join("; ")}. Send it through hookscope forward on your own machine instead.`,
  };
}
