import { createHash, timingSafeEqual } from "node:crypto";
import type { DeliveryAuth } from "@/lib/shared/settings/settings";
import { headerValue } from "@/lib/shared/headers";

// Hashing first makes the comparison constant-time whatever the lengths.
function same(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

function queryValue(query: string, name: string): string | null {
  for (const part of query.split("&")) {
    const at = part.indexOf("=");
    const key = at === -1 ? part : part.slice(0, at);
    if (key !== name) continue;
    try {
      return decodeURIComponent((at === -1 ? "" : part.slice(at + 1)).replace(/\+/g, " "));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Why a request fails the bin's delivery-auth requirement, in plain words; null when it passes
 * (or the requirement is off). The token itself never appears in the reason.
 */
export function deliveryAuthFailure(auth: DeliveryAuth, token: string | null, request: { query: string; headers: [string, string][] }): string | null {
  if (auth.mode === "none") return null;
  if (token === null) return "delivery auth is on but no token is configured";
  switch (auth.mode) {
    case "query": {
      const given = queryValue(request.query, "auth");
      if (given === null) return "the ?auth= query parameter is missing";
      return same(given, token) ? null : "the ?auth= token does not match";
    }
    case "basic": {
      const value = headerValue(request.headers, "authorization");
      const match = value ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value) : null;
      if (!match) return "no HTTP Basic credentials (Authorization: Basic ...)";
      return same(Buffer.from(match[1]!, "base64").toString("utf8"), token) ? null : "the HTTP Basic credentials do not match";
    }
    case "header": {
      const value = headerValue(request.headers, auth.headerName);
      if (value === undefined) return `the ${auth.headerName} header is missing`;
      const given = auth.headerName.toLowerCase() === "authorization" ? value.replace(/^Bearer\s+/i, "") : value;
      return same(given, token) ? null : `the ${auth.headerName} token does not match`;
    }
  }
}
