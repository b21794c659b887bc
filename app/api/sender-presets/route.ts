import { json } from "@/lib/http";
import { senderPresetCatalogue } from "@/lib/bins/sources";

export const dynamic = "force-static";

/** The providers whose published sending ranges a bin's allow-list can include, with their source and date. */
export function GET(): Response {
  return json(senderPresetCatalogue());
}
