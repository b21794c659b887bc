import { errorResponse, json } from "@/lib/server/http";
import { errorMessage } from "@/lib/shared/errors";
import { checkStorage } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

/** For load balancers: 200 only when the database answers on every connection the app uses, 503 otherwise. */
export async function GET(): Promise<Response> {
  try {
    await checkStorage();
    return json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
  } catch (error) {
    console.error("health: database check failed:", errorMessage(error));
    return errorResponse("storage_unavailable", "The database does not answer.", 503);
  }
}
