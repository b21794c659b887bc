import { requestOrigin, route } from "@/lib/server/http";
import { CALLBACK_PATH, FLOW_COOKIE, parseCookies } from "@/lib/server/auth/cookies";
import { decodeFlow } from "@/lib/server/auth/oidc";
import { redirectSignedIn } from "@/lib/server/auth/responses";
import { signIn } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

/** Where the provider sends the browser back: checks its answer, starts a session, returns to where sign-in began. */
export const GET = route(async (request: Request) => {
  const origin = requestOrigin(request);
  // The URL as the browser (and so the provider) saw it, not as a proxy passed it on.
  const callbackUrl = new URL(`${origin}${CALLBACK_PATH}${new URL(request.url).search}`);
  const flow = decodeFlow(parseCookies(request.headers.get("cookie")).get(FLOW_COOKIE));
  const { sessionToken, returnTo } = await signIn(callbackUrl, flow, request.headers.get("user-agent"));
  return redirectSignedIn(origin, returnTo, sessionToken);
});
