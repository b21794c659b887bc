import { z } from "zod";
import type { PortableRequest } from "@/lib/exchange/model";
import { headerValue } from "@/lib/requests/headers";
import { decodeUtf8 } from "@/lib/requests/utf8";

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
 * HAR 1.2. HAR has no byte-exact field for a request body, so `_bodyBase64` (an extension: HAR allows
 * fields starting with "_") carries the exact bytes beside the `text` other tools read.
 */
export function toHar(captureUrl: string, requests: (PortableRequest & { id: string })[], version: string): unknown {
  return {
    log: {
      version: "1.2",
      creator: { name: "Hookscope", version },
      entries: requests.map((request) => {
        const text = decodeUtf8(request.body);
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
            ...(request.body.length > 0
              ? { postData: { mimeType: contentType, text: text ?? "", _bodyBase64: Buffer.from(request.body).toString("base64") } }
              : {}),
            headersSize: -1,
            bodySize: request.body.length,
          },
          response: {
            status: request.responseStatus,
            statusText: "",
            httpVersion: "HTTP/1.1",
            cookies: [],
            headers: [],
            content: { size: 0, mimeType: "" },
            redirectURL: "",
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: 0, receive: 0 },
          _hookscope: { id: request.id, remoteAddress: request.remoteAddress },
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
            .object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional(), _bodyBase64: z.string().optional() })
            .optional(),
        }),
        response: z.object({ status: z.number().int() }).partial().optional(),
        _hookscope: z.object({ remoteAddress: z.string().optional() }).partial().optional(),
      }),
    ),
  }),
});

/** Requests from a HAR file (ours or another tool's); a capture URL `/h/<bin>/rest` keeps `/rest` as the subpath. */
export function fromHar(document: z.infer<typeof HarSchema>): PortableRequest[] {
  return document.log.entries.map((entry) => {
    const url = new URL(entry.request.url, "http://imported.invalid");
    const rawQuery = entry.request.url.includes("?") ? entry.request.url.slice(entry.request.url.indexOf("?") + 1).split("#")[0] ?? "" : "";
    const capturePath = /^\/h\/[^/]+(\/.*)?$/.exec(url.pathname);
    const postData = entry.request.postData;
    const body = postData?._bodyBase64 !== undefined
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
    };
  });
}
