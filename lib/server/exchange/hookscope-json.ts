import { z } from "zod";
import type { PortableRequest } from "@/lib/server/exchange/model";

export const HOOKSCOPE_EXPORT_FORMAT = "hookscope-export";

const ExportedRequestSchema = z.object({
  id: z.string().optional(),
  method: z.string().min(1).max(32),
  path: z.string().max(8192),
  query: z.string().max(65536),
  headers: z.array(z.tuple([z.string(), z.string()])),
  bodyBase64: z.string(),
  remoteAddress: z.string().max(128).default("imported"),
  httpVersion: z.string().max(8).default("1.1"),
  receivedAt: z.iso.datetime({ offset: true }),
  responseStatus: z.number().int().default(200),
  // Absent from exports made before it was added.
  responseRule: z.string().max(512).nullable().default(null),
});

export const HookscopeExportSchema = z.object({
  format: z.literal(HOOKSCOPE_EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  bin: z.object({ id: z.string() }).optional(),
  requests: z.array(ExportedRequestSchema),
});

/** Hookscope's own export: exact (headers as ordered pairs, bodies as base64), so an import restores every byte. */
export function toHookscopeJson(binId: string, requests: (PortableRequest & { id: string })[], now: Date): unknown {
  return {
    format: HOOKSCOPE_EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    bin: { id: binId },
    requests: requests.map((request) => ({
      id: request.id,
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      bodyBase64: Buffer.from(request.body).toString("base64"),
      remoteAddress: request.remoteAddress,
      httpVersion: request.httpVersion,
      receivedAt: request.receivedAt.toISOString(),
      responseStatus: request.responseStatus,
      responseRule: request.responseRule,
    })),
  };
}

export function fromHookscopeJson(document: z.infer<typeof HookscopeExportSchema>): PortableRequest[] {
  return document.requests.map((request) => ({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: new Uint8Array(Buffer.from(request.bodyBase64, "base64")),
    remoteAddress: request.remoteAddress,
    httpVersion: request.httpVersion,
    receivedAt: new Date(request.receivedAt),
    responseStatus: request.responseStatus,
    responseRule: request.responseRule,
  }));
}
