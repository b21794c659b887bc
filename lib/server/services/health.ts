import { db } from "@/lib/server/db/client";
import { metrics } from "@/lib/server/metrics";
import { pingHotStore } from "@/lib/server/queries/hot-store";

/**
 * Both connections the app writes through: Prisma (bins, settings, deliveries) and the hot store
 * (capture, search, forwarder streams). Either one down means captures or the inspector fail.
 */
export async function checkStorage(): Promise<void> {
  try {
    await Promise.all([db().$queryRawUnsafe("SELECT 1"), pingHotStore()]);
  } catch (error) {
    metrics().databaseErrors.inc({ where: "health" });
    throw error;
  }
}
