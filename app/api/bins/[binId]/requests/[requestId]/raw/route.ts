import { bearerToken, route } from "@/lib/http";
import { authorizeBin } from "@/lib/services/access";
import { getRawBody } from "@/lib/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** The body exactly as received, as a download a browser never renders or sniffs. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeBin(binId, bearerToken(request));
  const body = await getRawBody(binId, requestId);
  return new Response(Buffer.from(body), {
    status: 200,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${requestId}.bin"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "no-store",
    },
  });
});
