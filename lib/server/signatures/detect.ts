import { RequestView } from "./request";
import { SCHEME_MODULES } from "./registry";
import type { SchemeModule } from "./scheme";
import type { SchemeId } from "../../shared/signature-types";

export interface RankedScheme {
  module: SchemeModule;
  score: number;
}

/** Schemes whose signature the request carries, most likely first (ties keep catalogue order). */
export function rankSchemes(req: RequestView): RankedScheme[] {
  return SCHEME_MODULES.filter((module) => module.id !== "generic-hmac" && module.present(req))
    .map((module) => ({ module, score: module.score?.(req) ?? 100 }))
    .sort((a, b) => b.score - a.score);
}

/**
 * The provider that most likely signed a request, from its headers (and, when given, its body:
 * Mailgun signs inside the body, and the body tells Meta from GitHub or Clerk from Resend).
 */
export function detectScheme(headers: [string, string][], body?: Uint8Array): SchemeId | null {
  const req = new RequestView({ method: "POST", url: "", headers, body: body ?? new Uint8Array(), receivedAt: 0 });
  return rankSchemes(req)[0]?.module.id ?? null;
}
