import type { Server } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./server";

export const OIDC_CLIENT_ID = "hookscope";
export const OIDC_CLIENT_SECRET = "test-client-secret-0123456789";

export interface TestIdentityProvider {
  issuer: string;
  /** The env a Hookscope server needs to sign in through this provider. */
  env(appUrl: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real OpenID Provider (oidc-provider, certified) on a loopback port. Its development login
 * page accepts any login name with any password; the login name becomes the subject and
 * `<login>@example.test` the email.
 */
export async function startIdentityProvider(appUrls: string[]): Promise<TestIdentityProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: appUrls.map((url) => `${url}/api/auth/callback`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["test-only-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: `${sub}@example.test`, email_verified: true, name: `User ${sub}` }),
    }),
    // Consent is not what is under test: every client is granted what it asks for.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    issuer,
    env: () => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies of one browser, by name (paths and domains do not matter on loopback tests). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.header());
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.take(response);
    return response;
  }
}

function location(response: Response, base: string): string {
  const target = response.headers.get("location");
  if (!target || response.status < 300 || response.status >= 400) throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  return new URL(target, base).href;
}

/**
 * Signs `login` in to the app at `appUrl` the way a browser would, without one: the app's
 * redirect, the provider's login form, its redirect back, the callback. Returns the app's cookies.
 */
export async function signInWithoutBrowser(appUrl: string, login: string, returnTo = "/"): Promise<CookieJar> {
  const app = new CookieJar();
  const idp = new CookieJar();
  let url = location(await app.fetch(`${appUrl}/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`), appUrl);
  // Through the provider until it sends the browser back to the app.
  for (let hop = 0; hop < 10 && !url.startsWith(appUrl); hop++) {
    const response = await idp.fetch(url);
    if (response.status === 200 && new URL(url).pathname.startsWith("/interaction/")) {
      const body = new URLSearchParams({ prompt: "login", login, password: "any" });
      url = location(await idp.fetch(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }), url);
    } else {
      url = location(response, url);
    }
  }
  if (!url.startsWith(`${appUrl}/api/auth/callback`)) throw new Error(`the provider did not send the browser back to the callback: ${url}`);
  const done = await app.fetch(url);
  if (done.status !== 302) throw new Error(`callback answered ${done.status}: ${await done.text()}`);
  return app;
}

/** A JSON change as Hookscope's own pages send it: from the app's origin, so the CSRF check lets a session through. */
export function fromOrigin(origin: string, method: string, body?: unknown): RequestInit {
  return {
    method,
    headers: { origin, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}
