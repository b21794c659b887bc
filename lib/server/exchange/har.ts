import { STATUS_CODES } from "node:http";
import type { Entry, Har, Response } from "har-format";
import { z } from "zod";
import type { PortableRequest } from "@/lib/server/exchange/model";
import { headerValue } from "@/lib/shared/headers";
import { utf8Text } from "@/lib/shared/body/utf8";

function queryPairs(query: string): { name: string; value: string }[] {
  if (query === "") return [];
  return query.split("&").map((part) => {
    const at = part.indexOf("=");
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, " "));
      } catch {
        return text;
      }
    };
    return at === -1 ? { name: decode(part), value: "" } : { name: decode(part.slice(0, at)), value: decode(part.slice(at + 1)) };
  });
}

/**
 * A body as HAR carries it: UTF-8 text as is, anything else base64 with `encoding: "base64"`. HAR 1.2
 * defines `encoding` on response content; readers (and writers such as google/martian) accept it on
 * `postData` too. Both forms decode back to the exact bytes: valid UTF-8 re-encodes to itself.
 */
function harBody(body: Uint8Array): { text: string; encoding?: "base64" } {
  const text = utf8Text(body);
  return text !== null ? { text } : { text: Buffer.from(body).toString("base64"), encoding: "base64" };
}

/**
 * What Hookscope answered, as far as it is known. The status is stored with each request, and every
 * answer carries X-Hookscope-Request-Id. The other headers and the body came from the bin's response
 * settings or a rule as they were at that moment; those are not stored per request (the settings
 * may have changed since), so they are left out and the `comment` says so.
 */
function harResponse(request: PortableRequest & { id: string }): Response {
  const held = request.responseStatus === 0;
  const by = ` (${request.responseRule ?? "the bin's configured response"})`;
  return {
    status: request.responseStatus,
    statusText: held ? "" : (STATUS_CODES[request.responseStatus] ?? ""),
    httpVersion: "HTTP/1.1",
    cookies: [],
    headers: held ? [] : [{ name: "X-Hookscope-Request-Id", value: request.id }],
    content: { size: 0, mimeType: "" },
    redirectURL: "",
    headersSize: -1,
    bodySize: -1,
    comment: held
      ? `No answer: a hold rule kept the connection open${by}.`
      : `Hookscope answered ${request.responseStatus}${by}. Its other headers and its body are not stored per request, so they are left out.`,
  };
}

/** HAR 1.2, with Hookscope's own fields (`_hookscope`: HAR allows fields starting with "_"). */
export function toHar(captureUrl: string, requests: (PortableRequest & { id: string })[], version: string): Har {
  return {
    log: {
      version: "1.2",
      creator: { name: "Hookscope", version },
      entries: requests.map((request): Entry => {
        const contentType = headerValue(request.headers, "content-type") ?? "application/octet-stream";
        return {
          startedDateTime: request.receivedAt.toISOString(),
          time: 0,
          request: {
            method: request.method,
            url: `${captureUrl}${request.path}${request.query ? `?${request.query}` : ""}`,
            httpVersion: `HTTP/${request.httpVersion}`,
            cookies: [],
            headers: request.headers.map(([name, value]) => ({ name, value })),
            queryString: queryPairs(request.query),
            ...(request.body.length > 0 ? { postData: { mimeType: contentType, ...harBody(request.body) } } : {}),
            headersSize: -1,
            bodySize: request.body.length,
          },
          response: harResponse(request),
          cache: {},
          timings: { send: 0, wait: 0, receive: 0 },
          _hookscope: { id: request.id, remoteAddress: request.remoteAddress, responseRule: request.responseRule },
        };
      }),
    },
  };
}

export const HarSchema = z.object({
  log: z.object({
    version: z.string().optional(),
    entries: z.array(
      z.object({
        startedDateTime: z.string(),
        request: z.object({
          method: z.string().min(1).max(32),
          url: z.string(),
          httpVersion: z.string().optional(),
          headers: z.array(z.object({ name: z.string(), value: z.string() })),
          postData: z
            // `_bodyBase64`: where exports before HAR's own base64 encoding kept the exact bytes.
            .object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional(), _bodyBase64: z.string().optional() })
            .optional(),
        }),
        response: z.object({ status: z.number().int() }).partial().optional(),
        _hookscope: z
          .object({ remoteAddress: z.string().optional(), responseRule: z.string().max(512).nullable().optional() })
          .partial()
          .optional(),
      }),
    ),
  }),
});

/** Requests from a HAR file (ours or another tool's); a capture URL `/h/<bin>/rest` keeps `/rest` as the subpath. */
export function fromHar(document: z.infer<typeof HarSchema>): PortableRequest[] {
  return document.log.entries.map((entry) => {
    const url = new URL(entry.request.url, "http://imported.invalid");
    const rawQuery = entry.request.url.includes("?") ? (entry.request.url.slice(entry.request.url.indexOf("?") + 1).split("#")[0] ?? "") : "";
    const capturePath = /^\/h\/[^/]+(\/.*)?$/.exec(url.pathname);
    const postData = entry.request.postData;
    const body =
      postData?._bodyBase64 !== undefined
        ? Buffer.from(postData._bodyBase64, "base64")
        : postData?.encoding === "base64"
          ? Buffer.from(postData.text ?? "", "base64")
          : Buffer.from(postData?.text ?? "", "utf8");
    const receivedAt = new Date(entry.startedDateTime);
    return {
      method: entry.request.method.toUpperCase(),
      path: capturePath ? (capturePath[1] ?? "") : url.pathname,
      query: rawQuery,
      headers: entry.request.headers.map(({ name, value }) => [name, value] as [string, string]),
      body: new Uint8Array(body),
      remoteAddress: entry._hookscope?.remoteAddress ?? "imported",
      httpVersion: (entry.request.httpVersion ?? "HTTP/1.1").replace(/^HTTP\//i, ""),
      receivedAt: Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt,
      responseStatus: entry.response?.status ?? 200,
      responseRule: entry._hookscope?.responseRule ?? null,
    };
  });
}
