import { db } from "@/lib/server/db/client";

const POLICY_ID = "instance";

export interface InstancePolicyRecord {
  /** JSON array of OutboundRoles. */
  privateTargetRoles: string;
  updatedAt: Date;
}

export async function getInstancePolicy(): Promise<InstancePolicyRecord | null> {
  return db().instancePolicy.findUnique({ where: { id: POLICY_ID }, select: { privateTargetRoles: true, updatedAt: true } });
}

export async function putInstancePolicy(privateTargetRoles: string, updatedAt: Date): Promise<void> {
  await db().instancePolicy.upsert({
    where: { id: POLICY_ID },
    create: { id: POLICY_ID, privateTargetRoles, updatedAt },
    update: { privateTargetRoles, updatedAt },
  });
}
