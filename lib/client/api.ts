// Browser-side client for the JSON API. Every read sends the bin token as a Bearer header;
// the server answers an unknown bin and a bad token with the same 404, and so do we.
import type { z } from "zod";
import type {
  ApiError,
  BinInfo,
  CreatedBin,
  EventShapeList,
  OwnerSchema,
  RequestDetail,
  RequestPage,
  ShapeChangeList,
  ShapeExport,
  Timeline,
} from "@/lib/shared/api-types";
import {
  BinInfoSchema,
  CreatedBinSchema,
  EventShapeListSchema,
  ImportedBinSchema,
  OwnerSchemaSchema,
  RequestDetailSchema,
  RequestPageSchema,
  ShapeChangeListSchema,
  ShapeExportSchema,
  TimelineSchema,
} from "@/lib/shared/contract";
import type { ExportFormat as ShapeFormat } from "@/lib/shared/shapes/export";
import { filterSearchParams, type RequestFilter } from "./request-filter";

/** Any non-2xx answer, carrying the API's `{ error: { code, message } }` envelope when there was one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** The bin does not exist or the token does not open it; the two are indistinguishable on purpose. */
export class BinNotFoundError extends ApiRequestError {
  constructor(message: string) {
    super(404, "bin_not_found", message);
    this.name = "BinNotFoundError";
  }
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  token?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  body?: BodyInit;
  /** A value sent as the JSON body (instead of `body`). */
  json?: unknown;
}

export async function send(path: string, { method = "GET", token, signal, headers: extra, body, json: value }: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...extra };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (value !== undefined) headers["Content-Type"] = "application/json";
  // no-store: request lists change every second and must never come from the HTTP cache.
  const response = await fetch(path, { method, headers, signal, body: value !== undefined ? JSON.stringify(value) : body, cache: "no-store" });
  if (response.ok) return response;
  throw await toError(response);
}

async function toError(response: Response): Promise<ApiRequestError> {
  let code = "http_error";
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (body.error && typeof body.error.code === "string") {
      code = body.error.code;
      message = typeof body.error.message === "string" ? body.error.message : message;
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the status line.
  }
  if (response.status === 404 && code === "bin_not_found") return new BinNotFoundError(message);
  return new ApiRequestError(response.status, code, message);
}

/**
 * Calls the API and checks the answer against its schema in the contract (lib/shared/contract.ts): a
 * server that answers something else fails here, with the field named, not later in a component.
 */
export async function json<S extends z.ZodType>(schema: S, path: string, options: CallOptions): Promise<z.output<S>> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiRequestError(
    response.status,
    "contract_mismatch",
    `The server's answer to ${path} is not what this page expects (${issue?.path.join(".") || "answer"}: ${issue?.message ?? "invalid"}). Reload the page: the server may have been updated.`,
  );
}

export const binPath = (binId: string) => `/api/bins/${encodeURIComponent(binId)}`;
export const requestPath = (binId: string, requestId: string) => `${binPath(binId)}/requests/${encodeURIComponent(requestId)}`;

export function createBin(signal?: AbortSignal): Promise<CreatedBin> {
  return json(CreatedBinSchema, "/api/bins", { method: "POST", signal });
}

export function getBin(binId: string, token: string, signal?: AbortSignal): Promise<BinInfo> {
  return json(BinInfoSchema, binPath(binId), { token, signal });
}

export interface PageQuery {
  limit?: number;
  before?: string | null;
  after?: string | null;
  filter?: RequestFilter;
}

export function listRequests(binId: string, token: string, { limit, before, after, filter }: PageQuery = {}, signal?: AbortSignal): Promise<RequestPage> {
  const search = filter ? filterSearchParams(filter) : new URLSearchParams();
  if (limit !== undefined) search.set("limit", String(limit));
  if (before) search.set("before", before);
  if (after) search.set("after", after);
  const qs = search.toString();
  return json(RequestPageSchema, `${binPath(binId)}/requests${qs ? `?${qs}` : ""}`, { token, signal });
}

export function getShapes(binId: string, token: string, signal?: AbortSignal): Promise<EventShapeList> {
  return json(EventShapeListSchema, `${binPath(binId)}/shapes`, { token, signal });
}

export function getShapeChanges(binId: string, token: string, signal?: AbortSignal): Promise<ShapeChangeList> {
  return json(ShapeChangeListSchema, `${binPath(binId)}/shapes/changes`, { token, signal });
}

export const ownerSchemaPath = (binId: string, eventType: string) => `${binPath(binId)}/shapes/schema?${new URLSearchParams({ eventType })}`;

export function getOwnerSchema(binId: string, token: string, eventType: string, signal?: AbortSignal): Promise<OwnerSchema> {
  return json(OwnerSchemaSchema, ownerSchemaPath(binId, eventType), { token, signal });
}

export function getShapeExport(binId: string, token: string, eventType: string, format: ShapeFormat, signal?: AbortSignal): Promise<ShapeExport> {
  const search = new URLSearchParams({ eventType, format });
  return json(ShapeExportSchema, `${binPath(binId)}/shapes/export?${search}`, { token, signal });
}

export function getRequest(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<RequestDetail> {
  return json(RequestDetailSchema, requestPath(binId, requestId), { token, signal });
}

/** The exact body bytes. Fetched rather than linked because the endpoint needs the Authorization header. */
export async function getRawBody(binId: string, token: string, requestId: string): Promise<{ blob: Blob; filename: string }> {
  const response = await send(`${requestPath(binId, requestId)}/raw`, { token });
  // Force a neutral type: a text/html blob opened in a tab would run under our origin.
  const blob = new Blob([await response.arrayBuffer()], { type: "application/octet-stream" });
  return { blob, filename: filenameFrom(response.headers.get("Content-Disposition")) ?? `${requestId}.bin` };
}

/**
 * The body bytes, or only the first `limit` of them through a Range request. A server that ignores
 * Range answers 200 with everything, which is still correct, just slower.
 */
export async function getRawBytes(
  binId: string,
  token: string,
  requestId: string,
  limit?: number,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const headers: Record<string, string> = limit !== undefined ? { Range: `bytes=0-${limit - 1}` } : {};
  const response = await send(`${requestPath(binId, requestId)}/raw`, { token, signal, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { bytes, complete: response.status !== 206 };
}

/**
 * The body with its Content-Encoding undone by the server, for codings the browser cannot decode
 * (Brotli in Chromium). Rejects when the server does not offer it.
 */
export async function getDecodedBody(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await send(`${requestPath(binId, requestId)}/decoded`, { token, signal });
  return new Uint8Array(await response.arrayBuffer());
}

export function getTimeline(binId: string, token: string, buckets: number, signal?: AbortSignal): Promise<Timeline> {
  return json(TimelineSchema, `${binPath(binId)}/timeline?buckets=${buckets}`, { token, signal });
}

export function rotateShareLink(binId: string, token: string): Promise<BinInfo> {
  return json(BinInfoSchema, `${binPath(binId)}/share/rotate`, { method: "POST", token });
}

export type ExportFormat = "har" | "json" | "fixtures";

/** A HAR, Hookscope JSON or fixture-set export of the bin, or of the given requests only. */
export async function exportRequests(binId: string, token: string, format: ExportFormat, ids?: readonly string[]): Promise<{ blob: Blob; filename: string }> {
  const search = new URLSearchParams({ format });
  if (ids && ids.length > 0) search.set("ids", ids.join(","));
  const response = await send(`${binPath(binId)}/export?${search}`, { token });
  const blob = new Blob([await response.arrayBuffer()], { type: "application/json" });
  return { blob, filename: filenameFrom(response.headers.get("Content-Disposition")) ?? `hookscope-${binId}.${format === "har" ? "har" : "json"}` };
}

/** A new bin holding the requests of a HAR or Hookscope JSON export. */
export function importBin(fileText: string): Promise<CreatedBin> {
  return json(ImportedBinSchema, "/api/bins/import", { method: "POST", headers: { "Content-Type": "application/json" }, body: fileText });
}

function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

export async function deleteRequest(binId: string, token: string, requestId: string): Promise<void> {
  await send(requestPath(binId, requestId), { method: "DELETE", token });
}

export async function clearRequests(binId: string, token: string): Promise<void> {
  await send(`${binPath(binId)}/requests`, { method: "DELETE", token });
}

export async function deleteBin(binId: string, token: string): Promise<void> {
  await send(binPath(binId), { method: "DELETE", token });
}
