import { joinTargetUrl, parseTargetUrl, redactUrl } from "@/lib/server/outbound/target-url";
import { CliError } from "./errors";

/** `/stripe/*=http://localhost:3000/webhooks/stripe`: captures under /stripe go there. */
export interface Route {
  /** The captured subpath this route takes: exact, or a prefix when `prefix` is set. */
  pattern: string;
  prefix: boolean;
  target: string;
}

/**
 * Reads `--route PATTERN=URL`. A pattern ending in `/*` takes that subpath and everything below it,
 * and what the `*` matched is appended to the URL (with the query), as --to appends the whole subpath.
 */
export function parseRoute(raw: string): Route {
  const split = raw.indexOf("=");
  if (split <= 0) throw new CliError(`--route "${raw}": expected PATTERN=URL, e.g. /stripe/*=http://localhost:3000/webhooks/stripe.`, true);
  const pattern = raw.slice(0, split).trim();
  const url = parseTargetUrl(raw.slice(split + 1).trim());
  if (!url.ok) throw new CliError(`--route "${pattern}": ${url.message}`, true);
  if (!pattern.startsWith("/")) throw new CliError(`--route "${pattern}": a pattern is a subpath starting with "/", e.g. /stripe/* or /github.`, true);
  const prefix = pattern.endsWith("/*") || pattern === "*";
  const base = prefix ? pattern.replace(/\/?\*$/, "") : pattern;
  if (base.includes("*")) throw new CliError(`--route "${pattern}": "*" may only end a pattern, as in /stripe/*.`, true);
  return { pattern: base, prefix, target: url.url.href };
}

/** The URL a capture goes to: the first route that takes its subpath, else `fallback` (--to), else none. */
export function routeFor(routes: readonly Route[], fallback: string | null, path: string, query: string): string | null {
  for (const route of routes) {
    if (route.prefix) {
      if (path === route.pattern || path.startsWith(`${route.pattern}/`)) return joinTargetUrl(route.target, path.slice(route.pattern.length), query);
    } else if (path === route.pattern || (route.pattern === "/" && path === "")) {
      return joinTargetUrl(route.target, "", query);
    }
  }
  return fallback === null ? null : joinTargetUrl(fallback, path, query);
}

export function describeRoutes(routes: readonly Route[], fallback: string | null): string {
  const parts = routes.map((route) => `${route.pattern}${route.prefix ? "/*" : ""} → ${redactUrl(route.target)}`);
  if (fallback !== null) parts.push(`${routes.length > 0 ? "everything else" : "every subpath"} → ${redactUrl(fallback)}`);
  return parts.join(", ");
}
