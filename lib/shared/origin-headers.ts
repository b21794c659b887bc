/**
 * Answer headers a capture URL may not send. Capture answers come from the app's own origin, so a
 * cookie set there would land beside the session cookie (or replace it), and these could wipe or
 * take over what the inspector keeps in the browser.
 */
export const ORIGIN_BOUND_HEADERS = new Set(["set-cookie", "set-cookie2", "clear-site-data", "service-worker-allowed", "content-security-policy"]);
