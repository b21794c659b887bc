import { json } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return json(openApiDocument());
}
