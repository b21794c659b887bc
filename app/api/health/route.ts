import { json, route } from "@/lib/http";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** For load balancers: answers 200 only when the database answers. */
export const GET = route(async () => {
  await db().$queryRawUnsafe("SELECT 1");
  return json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
});
