import { CALLBACK_PATH, FLOW_COOKIE, clearSessionCookies, serializeCookie, sessionCookie } from "./cookies";
import { encodeFlow, type SignInFlow } from "./oidc";
import { sessionMaxAgeSeconds } from "./sessions";

const FLOW_SECONDS = 600;

const isSecure = (origin: string) => origin.startsWith("https:");

function redirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 302, headers });
}

/** To the provider, with the flow kept in a cookie only the callback receives. */
export function redirectToProvider(origin: string, providerUrl: URL, flow: SignInFlow): Response {
  return redirect(providerUrl.href, [serializeCookie(FLOW_COOKIE, encodeFlow(flow), { secure: isSecure(origin), path: CALLBACK_PATH, maxAge: FLOW_SECONDS })]);
}

/** Back to where sign-in started, signed in; the flow cookie is spent. */
export function redirectSignedIn(origin: string, returnTo: string, sessionToken: string): Response {
  const secure = isSecure(origin);
  return redirect(`${origin}${returnTo}`, [
    sessionCookie(sessionToken, secure, sessionMaxAgeSeconds()),
    serializeCookie(FLOW_COOKIE, "", { secure, path: CALLBACK_PATH, maxAge: 0 }),
  ]);
}

export function withSessionCleared(response: Response, origin: string): Response {
  for (const cookie of clearSessionCookies(isSecure(origin))) response.headers.append("Set-Cookie", cookie);
  return response;
}
