import { z } from "zod";
import { json, readJsonBody, requestOrigin, route } from "@/lib/server/http";
import { requireSignedIn } from "@/lib/server/auth/caller";
import { withSessionCleared } from "@/lib/server/auth/responses";
import { endAllSessions, endSession } from "@/lib/server/auth/sessions";
import { parseInput } from "@/lib/server/validation";

export const dynamic = "force-dynamic";

const SignOutSchema = z.strictObject({ everywhere: z.boolean().optional() });

/** Signs this browser out, or with `{ everywhere: true }` every browser and live connection of the account. */
export const POST = route(async (request: Request) => {
  const signedIn = await requireSignedIn(request);
  const { everywhere } = parseInput(SignOutSchema, await readJsonBody(request));
  const ended = everywhere ? await endAllSessions(signedIn.user.id) : (await endSession(signedIn.sessionId), 1);
  return withSessionCleared(json({ ended }, 200, { "Cache-Control": "no-store" }), requestOrigin(request));
});
