import { RequestView } from "./request";
import { SCHEME_MODULES } from "./registry";
import type { SchemeModule } from "./scheme";
import type { SchemeId } from "../../shared/signature-types";

export interface RankedScheme {
  module: SchemeModule;
  score: number;
}

// A view never changes, so neither does its ranking: capture ranks each request once for its
// verdict and once more for its delivery key, and asks every scheme each time.
const rankings = new WeakMap<RequestView, RankedScheme[]>();

/** Schemes whose signature the request carries, most likely first (ties keep catalogue order). */
export function rankSchemes(req: RequestView): RankedScheme[] {
  let ranked = rankings.get(req);
  if (!ranked) {
    ranked = SCHEME_MODULES.filter((module) => module.id !== "generic-hmac" && module.present(req))
      .map((module) => ({ module, score: module.score?.(req) ?? 100 }))
      .sort((a, b) => b.score - a.score);
    rankings.set(req, ranked);
  }
  return ranked;
}

/**
 * The provider that most likely signed a request, from its headers (and, when given, its body:
 * Mailgun signs inside the body, and the body tells Meta from GitHub or Clerk from Resend).
 */
export function detectScheme(headers: [string, string][], body?: Uint8Array): SchemeId | null {
  const req = new RequestView({ method: "POST", url: "", headers, body: body ?? new Uint8Array(), receivedAt: 0 });
  return rankSchemes(req)[0]?.module.id ?? null;
}
