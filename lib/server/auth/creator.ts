import { identifyCaller } from "./caller";

/** The account a new bin belongs to: the signed-in user when the request came with a session, else none. */
export async function creatorOf(request: Request): Promise<string | null> {
  const caller = await identifyCaller(request);
  return caller.kind === "user" ? caller.signedIn.user.id : null;
}
