import { json } from "@/lib/server/http";
import { schemeCatalogue } from "@/lib/server/services/verification";

export const dynamic = "force-static";

/** The signature schemes Hookscope verifies, with the secret each needs: for the owner's "add secret" form. */
export function GET(): Response {
  return json(schemeCatalogue());
}
