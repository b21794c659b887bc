import type { RequestDetail, RequestSummary } from "@/lib/shared/api-types";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/server/queries/requests";
import { utf8Text } from "@/lib/shared/body/utf8";
import type { ShapeChange } from "@/lib/shared/shapes/shape";

export function toSummary(record: RequestSummaryRecord): RequestSummary {
  return {
    id: record.id,
    binId: record.binId,
    method: record.method,
    path: record.path,
    query: record.query,
    contentType: record.contentType,
    bodySize: record.bodySize,
    remoteAddress: record.remoteAddress,
    receivedAt: record.receivedAt.toISOString(),
    sequence: record.sequence,
    responseStatus: record.responseStatus,
    responseRule: record.responseRule,
    verdict: record.verdict as RequestSummary["verdict"],
    signature: record.signature as RequestSummary["signature"],
    freshness: record.freshness as RequestSummary["freshness"],
    replaySuspected: record.replaySuspected,
    duplicateOf: record.duplicateOf,
    authFailure: record.authFailure,
    sourceFailure: record.sourceFailure,
    plainHttp: record.plainHttp,
    eventType: record.eventType,
    shapeDrift: record.shapeDrift,
  };
}

/** Bodies larger than this are left out of the JSON detail: the inspector reads them from /raw in parts. */
export const DETAIL_INLINE_BODY_BYTES = 2 * 1024 * 1024;

export function toDetail(record: CapturedRequestRecord, inlineBodyBytes = DETAIL_INLINE_BODY_BYTES): RequestDetail {
  const body = Buffer.from(record.body);
  const omitted = body.length > inlineBodyBytes;
  return {
    ...toSummary(record),
    headers: record.headers,
    httpVersion: record.httpVersion,
    bodyBase64: omitted ? "" : body.toString("base64"),
    bodyText: omitted ? null : utf8Text(body),
    bodyOmitted: omitted,
    shapeChanges: record.shapeChanges === null ? [] : (JSON.parse(record.shapeChanges) as ShapeChange[]),
    shapeNote: record.shapeNote,
  };
}
