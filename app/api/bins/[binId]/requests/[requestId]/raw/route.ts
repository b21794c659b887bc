import { DOWNLOAD_HEADERS, errorResponse, route } from "@/lib/server/http";
import { parseByteRange } from "@/lib/server/requests/content-encoding";
import { authorizeBin } from "@/lib/server/services/access";
import { getRawBody } from "@/lib/server/services/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string; requestId: string }> };

/** The body exactly as received, as a download a browser never renders or sniffs; one byte range on request. */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId, requestId } = await params;
  await authorizeBin(request, binId);
  const body = Buffer.from(await getRawBody(binId, requestId));
  const headers = { ...DOWNLOAD_HEADERS, "Content-Disposition": `attachment; filename="${requestId}.bin"`, "Accept-Ranges": "bytes" };
  const range = parseByteRange(request.headers.get("range"), body.length);
  if (range === "unsatisfiable") {
    const refused = errorResponse("range_not_satisfiable", `The body has ${body.length} bytes.`, 416);
    refused.headers.set("Content-Range", `bytes */${body.length}`);
    return refused;
  }
  if (range) {
    return new Response(body.subarray(range.start, range.end + 1), {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${range.start}-${range.end}/${body.length}`, "Content-Length": String(range.end - range.start + 1) },
    });
  }
  return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(body.length) } });
});
