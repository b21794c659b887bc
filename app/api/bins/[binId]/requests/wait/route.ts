import { z } from "zod";
import { RequestFilterSchema } from "@/lib/server/requests/filter";
import { errorResponse, json, parseSearchParams, route } from "@/lib/server/http";
import { authorizeBin } from "@/lib/server/services/access";
import { MAX_WAIT_MS, waitForRequest } from "@/lib/server/services/wait";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ binId: string }> };

const WaitQuerySchema = z.intersection(
  RequestFilterSchema,
  z.object({
    after: z
      .string()
      .regex(/^[0-9a-z]{22}$/, "after must be a request id")
      .optional(),
    timeout: z.coerce
      .number()
      .min(0, "timeout is in seconds, 0 to 60")
      .max(MAX_WAIT_MS / 1000, "timeout is in seconds, at most 60")
      .default(30),
  }),
);

/**
 * Blocks until a request matching the filter arrives (after `after`, or after this call) and returns
 * it in full, or answers 408 after `timeout` seconds.
 */
export const GET = route(async (request: Request, { params }: Context) => {
  const { binId } = await params;
  const { after, timeout, ...filter } = parseSearchParams(WaitQuerySchema, new URL(request.url).searchParams);
  await authorizeBin(request, binId);
  const found = await waitForRequest(binId, filter, { after, timeoutMs: timeout * 1000, signal: request.signal });
  if (found) return json(found, 200, { "Cache-Control": "no-store" });
  return errorResponse("wait_timeout", `No matching request arrived within ${timeout} s.`, 408);
});
