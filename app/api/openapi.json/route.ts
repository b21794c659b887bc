import { json } from "@/lib/server/http";
import { openApiDocument } from "@/lib/server/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return json(openApiDocument());
}
