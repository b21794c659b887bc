import { requestOrigin, route } from "@/lib/server/http";
import { beginSignIn } from "@/lib/server/auth/oidc";
import { redirectToProvider } from "@/lib/server/auth/responses";

export const dynamic = "force-dynamic";

/** Starts sign-in: a redirect to the provider. `returnTo` is a path on this app to come back to. */
export const GET = route(async (request: Request) => {
  const origin = requestOrigin(request);
  const { redirectTo, flow } = await beginSignIn(origin, new URL(request.url).searchParams.get("returnTo") ?? "/");
  return redirectToProvider(origin, redirectTo, flow);
});
