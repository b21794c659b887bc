import { db } from "@/lib/server/db/client";
import { pingHotStore } from "@/lib/server/queries/hot-store";

/**
 * Both connections the app writes through: Prisma (bins, settings, deliveries) and the hot store
 * (capture, search, forwarder streams). Either one down means captures or the inspector fail.
 */
export async function checkStorage(): Promise<void> {
  await Promise.all([db().$queryRawUnsafe("SELECT 1"), pingHotStore()]);
}
