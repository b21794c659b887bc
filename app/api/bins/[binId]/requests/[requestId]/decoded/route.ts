import { DOWNLOAD_HEADERS, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { getDecodedBody } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** The body with its Content-Encoding (gzip, deflate, br) undone; 422 with the reason when it cannot be. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeBin(request, binId);
  const decoded = await getDecodedBody(binId, requestId);
  return new Response(new Uint8Array(decoded), {
    status: 200,
    headers: { ...DOWNLOAD_HEADERS, "Content-Disposition": `attachment; filename="${requestId}.decoded.bin"`, "Content-Length": String(decoded.length) },
  });
});
