import { ORIGIN_BOUND_HEADERS } from "@/lib/shared/origin-headers";

/**
 * A capture answer's headers made safe to serve from the app's origin: what a bin's settings or a
 * developer's app (`forward --respond`) answered, minus cookies and the like, plus a sandbox so that
 * an HTML answer opened in a browser runs no script beside the inspector.
 */
export function sandboxAnswerHeaders(headers: readonly (readonly [string, string])[]): [string, string][] {
  return [
    ...headers.filter(([name]) => !ORIGIN_BOUND_HEADERS.has(name.toLowerCase())).map(([name, value]): [string, string] => [name, value]),
    ["Content-Security-Policy", "sandbox"],
  ];
}
