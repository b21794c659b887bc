import * as oidc from "openid-client";
import { DomainError, ValidationError, errorMessage } from "@/lib/shared/errors";
import { env } from "@/lib/server/env";
import type { ProviderIdentity } from "@/lib/server/queries/users";
import { CALLBACK_PATH } from "./cookies";

/** What the browser carries from the redirect to the provider back to the callback, and nothing else. */
export interface SignInFlow {
  state: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}

export class ProviderUnavailableError extends DomainError {
  constructor(detail: string) {
    super("provider_unavailable", `The sign-in provider could not be reached: ${detail}`, 502);
  }
}

let discovered: Promise<oidc.Configuration> | undefined;

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

/** The provider's metadata, discovered once; a failed discovery is tried again on the next sign-in. */
function providerConfiguration(): Promise<oidc.Configuration> {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) throw new DomainError("sign_in_disabled", "Sign-in is not configured on this server.", 404);
  const issuer = new URL(OIDC_ISSUER);
  discovered ??= oidc
    // Plain http is allowed only for a provider on this machine (development, the test suite).
    .discovery(
      issuer,
      OIDC_CLIENT_ID,
      undefined,
      oidc.ClientSecretBasic(OIDC_CLIENT_SECRET),
      isLoopbackHttp(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    )
    .catch((error: unknown) => {
      discovered = undefined;
      throw new ProviderUnavailableError(errorMessage(error));
    });
  return discovered;
}

/** Only a path on this app: a crafted returnTo must not turn sign-in into an open redirect. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value.slice(0, 2000);
}

export async function beginSignIn(origin: string, returnTo: string): Promise<{ redirectTo: URL; flow: SignInFlow }> {
  const config = await providerConfiguration();
  const flow: SignInFlow = { state: oidc.randomState(), verifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce(), returnTo: safeReturnTo(returnTo) };
  const redirectTo = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    scope: env().OIDC_SCOPES,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { redirectTo, flow };
}

export function encodeFlow(flow: SignInFlow): string {
  return Buffer.from(JSON.stringify(flow)).toString("base64url");
}

export function decodeFlow(value: string | undefined): SignInFlow | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<SignInFlow>;
    const { state, verifier, nonce, returnTo } = parsed;
    return typeof state === "string" && typeof verifier === "string" && typeof nonce === "string" && typeof returnTo === "string"
      ? { state, verifier, nonce, returnTo }
      : null;
  } catch {
    return null;
  }
}

function claimText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.slice(0, 320) : null;
}

/**
 * Checks the provider's answer (state, PKCE, nonce, ID token signature and audience, done by
 * openid-client) and returns who signed in. `callbackUrl` is the URL the provider sent the browser
 * to, as the browser saw it.
 */
export async function completeSignIn(callbackUrl: URL, flow: SignInFlow | null): Promise<ProviderIdentity> {
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) {
    const description = callbackUrl.searchParams.get("error_description");
    throw new ValidationError(`The provider did not sign you in: ${providerError}${description ? ` (${description.slice(0, 300)})` : ""}.`);
  }
  if (!flow) throw new ValidationError("This sign-in was not started here, or took longer than 10 minutes: start again.");
  const config = await providerConfiguration();
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new ValidationError(`The sign-in answer was refused: ${errorMessage(error)}`);
  }
  const claims = tokens.claims();
  if (!claims) throw new ValidationError("The provider sent no ID token.");
  let profile: Record<string, unknown> = claims;
  // Many providers put email and name only in the userinfo answer, not the ID token.
  if (claimText(claims.email) === null && config.serverMetadata().userinfo_endpoint) {
    try {
      profile = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    } catch (error) {
      console.warn("sign-in: userinfo could not be read:", errorMessage(error));
    }
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: claimText(profile.email),
    emailVerified: profile.email_verified === true,
    name: claimText(profile.name) ?? claimText(profile.preferred_username),
  };
}
