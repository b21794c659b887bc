import type { z } from "zod";
import type { ApiError } from "@/lib/shared/api-types";
import { DomainError, PayloadTooLargeError, ValidationError, errorMessage } from "@/lib/shared/errors";
import { env } from "@/lib/server/env";
import { parseInput } from "@/lib/server/validation";

export function json<T>(data: T, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

/** For body downloads: never rendered, sniffed, framed or cached by a browser. */
export const DOWNLOAD_HEADERS = {
  "Content-Type": "application/octet-stream",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cache-Control": "no-store",
};

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function errorResponse(code: string, message: string, status: number): Response {
  const body: ApiError = { error: { code, message } };
  return json(body, status);
}

/** The one place domain errors become HTTP answers; anything unexpected is logged and answers 500. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof DomainError) return errorResponse(error.code, error.message, error.status);
  console.error("api: unexpected error:", error);
  return errorResponse("internal_error", "Something went wrong on the server; nothing was changed.", 500);
}

/** Wraps a route handler so every thrown error becomes the JSON error envelope. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The origin clients reached us on: PUBLIC_URL, else the (trusted) forwarded headers, else Host. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  return originFromHeaders((name) => request.headers.get(name), url.protocol.replace(":", ""), url.host);
}

/** requestOrigin for callers holding bare headers (socket.io's handshake); `protocol` and `host` are the connection's own. */
export function originFromHeaders(header: (name: string) => string | null | undefined, protocol: string, host: string): string {
  const { PUBLIC_URL, TRUST_PROXY } = env();
  if (PUBLIC_URL) return new URL(PUBLIC_URL).origin;
  const forwardedHost = TRUST_PROXY ? header("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const forwardedProto = TRUST_PROXY ? header("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  return `${forwardedProto || protocol}://${forwardedHost || header("host") || host}`;
}

export function parseSearchParams<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  return parseInput(schema, Object.fromEntries(params), "query");
}

const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** The request's JSON body; an empty body reads as `{}`. Malformed or oversized JSON is a 400 with the parser's reason. */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new ValidationError(`The JSON body may be at most ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ValidationError(`The JSON body may be at most ${maxBytes} bytes.`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(`The body is not valid JSON: ${errorMessage(error)}`);
  }
}

/** The request's body as UTF-8 text, refused with 413 past `maxBytes` without reading the rest. */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new PayloadTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}
