import { z } from "zod";

/**
 * Whom a replay or auto-forward is sent for, as the instance policy sees it: a browser's owner
 * token (no account), an account on its own bin, a team's member or owner on a team bin, an admin.
 * Configuration files (HOOKSCOPE_CONFIG) act as an admin: the operator wrote them.
 */
export const OUTBOUND_ROLES = ["owner_token", "account", "team_member", "team_owner", "admin"] as const;
export type OutboundRole = (typeof OUTBOUND_ROLES)[number];

export const OutboundRoleSchema = z.enum(OUTBOUND_ROLES);

export const OUTBOUND_ROLE_LABELS: Record<OutboundRole, string> = {
  owner_token: "Browser-owned bins (owner token, no account)",
  account: "Signed-in users on their own bins",
  team_member: "Team members on team bins",
  team_owner: "Team owners on team bins",
  admin: "Admins",
};

/** Admins set the policy, so they always keep what the operator opened. */
export const ROLES_ALWAYS_ALLOWED: readonly OutboundRole[] = ["admin"];

export const InstancePolicyInputSchema = z.strictObject({
  privateTargetRoles: z
    .array(OutboundRoleSchema)
    .max(OUTBOUND_ROLES.length)
    .refine((roles) => new Set(roles).size === roles.length, "list each role once")
    .meta({ description: "The roles whose replays and auto-forwards may reach private addresses when the operator opens them at all." }),
});

/** Today's behaviour until an admin narrows it: whoever operates a bin may use what the operator opened. */
export const DEFAULT_PRIVATE_TARGET_ROLES: readonly OutboundRole[] = OUTBOUND_ROLES;

export function mayReachPrivate(roles: readonly OutboundRole[], role: OutboundRole): boolean {
  return ROLES_ALWAYS_ALLOWED.includes(role) || roles.includes(role);
}

/** A stored role that is not (any longer) one of ours counts as the least trusted one. */
export function parseOutboundRole(value: string): OutboundRole {
  const parsed = OutboundRoleSchema.safeParse(value);
  return parsed.success ? parsed.data : "owner_token";
}
