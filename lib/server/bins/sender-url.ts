import { env } from "@/lib/server/env";
import { headerValue as header } from "@/lib/shared/headers";

/**
 * The URL the sender addressed, rebuilt from what was stored: schemes that sign the URL (Twilio,
 * HubSpot, ...) need it exactly. PUBLIC_URL wins, then trusted forwarded headers, then Host.
 */
export function senderUrl(binId: string, path: string, query: string, headers: [string, string][]): string {
  const { PUBLIC_URL, TRUST_PROXY } = env();
  let origin: string;
  if (PUBLIC_URL) origin = new URL(PUBLIC_URL).origin;
  else {
    const forwardedProto = TRUST_PROXY ? header(headers, "x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
    const forwardedHost = TRUST_PROXY ? header(headers, "x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    origin = `${forwardedProto || "http"}://${forwardedHost || header(headers, "host") || "localhost"}`;
  }
  return `${origin}/h/${binId}${path}${query ? `?${query}` : ""}`;
}
