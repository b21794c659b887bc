import { errorResponse, json } from "@/lib/http";
import { db } from "@/lib/db/client";
import { errorMessage } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** For load balancers: 200 only when the database answers, 503 otherwise. */
export async function GET(): Promise<Response> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
  } catch (error) {
    console.error("health: database check failed:", errorMessage(error));
    return errorResponse("storage_unavailable", "The database does not answer.", 503);
  }
}
