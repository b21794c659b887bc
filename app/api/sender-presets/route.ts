import { json } from "@/lib/server/http";
import { senderPresetCatalogue } from "@/lib/shared/settings/sources";

export const dynamic = "force-static";

/** The providers whose published sending ranges a bin's allow-list can include, with their source and date. */
export function GET(): Response {
  return json(senderPresetCatalogue());
}
