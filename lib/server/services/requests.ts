import type { RequestDetail, RequestPage, RequestSummary } from "@/lib/shared/api-types";
import { DomainError, RequestNotFoundError, ValidationError } from "@/lib/shared/errors";
import { decodeContentEncoding } from "@/lib/server/requests/content-encoding";
import { REQUEST_ID_PATTERN } from "@/lib/server/ids";
import * as requests from "@/lib/server/queries/requests";
import { requestTimeline, searchRequests, type RequestSearch } from "@/lib/server/queries/hot-store";
import { publish } from "@/lib/server/realtime/bus";
import { toDetail, toSummary } from "@/lib/server/services/serialize";
import { currentSchemaCheck, currentSchemas } from "@/lib/server/services/shapes";

export const MAX_PAGE_SIZE = 200;
export const MAX_CATCH_UP = 500;

export type PageQuery = Omit<RequestSearch, "from" | "to"> & { from?: string; to?: string; q?: string };

function checkCursor(name: string, value: string | undefined): void {
  if (value !== undefined && !REQUEST_ID_PATTERN.test(value)) {
    throw new ValidationError(`"${name}" must be a request id (22 lowercase letters and digits).`);
  }
}

function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new ValidationError(`"${name}" must be an ISO 8601 time such as 2026-01-31T12:00:00Z`);
  return at;
}

/** Newest first, narrowed by the search filters. `after` limits the page to requests newer than that id. */
export async function listRequestPage(binId: string, query: PageQuery): Promise<RequestPage> {
  checkCursor("before", query.before);
  checkCursor("after", query.after);
  const { q, from, to, ...search } = query;
  const [rows, schemas] = await Promise.all([
    searchRequests(binId, {
      ...search,
      bodyContains: q ?? search.bodyContains,
      from: parseTime("from", from),
      to: parseTime("to", to),
      limit: query.limit + 1,
    }),
    currentSchemas(binId),
  ]);
  const page = rows.slice(0, query.limit);
  const hasMore = rows.length > query.limit;
  return { requests: page.map((row) => toSummary(row, schemas)), nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null };
}

/** What a live client missed since `after`, oldest first, as the socket join answers it. */
export async function listMissedRequests(binId: string, after: string | null | undefined): Promise<{ missed: RequestSummary[]; truncated: boolean }> {
  if (!after) return { missed: [], truncated: false };
  checkCursor("after", after);
  const [rows, schemas] = await Promise.all([requests.listRequests(binId, { after, limit: MAX_CATCH_UP + 1, order: "oldest-first" }), currentSchemas(binId)]);
  return { missed: rows.slice(0, MAX_CATCH_UP).map((row) => toSummary(row, schemas)), truncated: rows.length > MAX_CATCH_UP };
}

/** The full record; bodies over `inlineBodyBytes` are left out (see DETAIL_INLINE_BODY_BYTES). */
export async function getRequestDetail(binId: string, requestId: string, inlineBodyBytes?: number): Promise<RequestDetail> {
  const record = REQUEST_ID_PATTERN.test(requestId) ? await requests.getRequest(binId, requestId) : null;
  if (!record) throw new RequestNotFoundError();
  const [check, schemas] = await Promise.all([currentSchemaCheck(record), currentSchemas(binId)]);
  return toDetail(record, inlineBodyBytes, check, schemas);
}

export async function getRawBody(binId: string, requestId: string): Promise<Uint8Array> {
  const body = REQUEST_ID_PATTERN.test(requestId) ? await requests.getRequestBody(binId, requestId) : null;
  if (!body) throw new RequestNotFoundError();
  return body;
}

/** The body with its Content-Encoding undone, or a 422 saying why not. */
export async function getDecodedBody(binId: string, requestId: string): Promise<Buffer> {
  const record = REQUEST_ID_PATTERN.test(requestId) ? await requests.getRequest(binId, requestId) : null;
  if (!record) throw new RequestNotFoundError();
  const decoded = decodeContentEncoding(record.body, record.headers);
  if (!decoded.ok) throw new DomainError("not_decodable", decoded.message, 422);
  return decoded.bytes;
}

export async function removeRequest(binId: string, requestId: string): Promise<void> {
  if (!(await requests.deleteRequest(binId, requestId))) throw new RequestNotFoundError();
  publish("request.deleted", { binId, requestId });
}

export async function clearRequests(binId: string): Promise<number> {
  const removed = await requests.deleteAllRequests(binId);
  publish("bin.cleared", { binId });
  return removed;
}

export async function binTimeline(binId: string, query: { buckets: number; from?: string; to?: string }) {
  const timeline = await requestTimeline(binId, query.buckets, { from: parseTime("from", query.from), to: parseTime("to", query.to) }, Date.now());
  return { from: new Date(timeline.from).toISOString(), to: new Date(timeline.to).toISOString(), bucketMs: timeline.bucketMs, counts: timeline.counts };
}

/** Stores what the sender was finally answered, when that was decided after the capture (a forwarder's answer). */
export async function recordAnswerStatus(requestId: string, status: number, rule: string): Promise<void> {
  await requests.setResponse(requestId, status, rule);
}
