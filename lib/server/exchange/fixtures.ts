import { FIXTURE_FORMAT, type FixtureSet } from "@/lib/shared/fixtures";
import type { SchemeId } from "@/lib/server/signatures";
import type { PortableRequest } from "./model";

/** Captured requests as a fixture set: the bytes exactly, and each request's scheme by name only. */
export function toFixtureSet(binId: string, requests: (PortableRequest & { id: string; scheme: SchemeId | null })[], now: Date): FixtureSet {
  return {
    format: FIXTURE_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    binId,
    fixtures: requests.map((request) => ({
      name: `${request.method} ${request.path || "/"}${request.query ? `?${request.query}` : ""} (${request.receivedAt.toISOString()})`,
      requestId: request.id,
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      bodyBase64: Buffer.from(request.body).toString("base64"),
      scheme: request.scheme,
      receivedAt: request.receivedAt.toISOString(),
    })),
  };
}
