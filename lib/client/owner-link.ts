// The owner link (`<origin>/bins/<binId>#owner=<token>`) and the `hookscope forward` command built on it.
// The token rides in the fragment, which browsers never send to a server.

/** The app's public origin, as the server spells it in the URLs it hands out (PUBLIC_URL behind a proxy). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return window.location.origin;
  }
}

export function ownerLink(origin: string, binId: string, token: string): string {
  return `${origin}/bins/${encodeURIComponent(binId)}#owner=${encodeURIComponent(token)}`;
}

/** The link as it may be shown on screen: the token is a password. */
export function maskedOwnerLink(origin: string, binId: string): string {
  return `${origin}/bins/${binId}#owner=${"•".repeat(12)}`;
}

/** An example local target: what most frameworks serve in development. */
export const EXAMPLE_LOCAL_TARGET = "http://localhost:3000/webhooks";

/** The command that relays the bin to the machine it runs on; the link is quoted for the `#`. */
export function forwardCommand(link: string): string {
  return `npx hookscope forward "${link}" --to ${EXAMPLE_LOCAL_TARGET}`;
}
