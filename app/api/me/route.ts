import { json, route } from "@/lib/server/http";
import { signedInFrom } from "@/lib/server/auth/caller";
import { describeMe } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

/** Whether sign-in is on here, and who this browser is signed in as. */
export const GET = route(async (request: Request) => {
  return json(describeMe(await signedInFrom(request.headers.get("cookie"))), 200, { "Cache-Control": "no-store" });
});
