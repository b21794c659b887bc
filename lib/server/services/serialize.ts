import type { RequestDetail, RequestSummary, SchemaCheck } from "@/lib/shared/api-types";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/server/queries/requests";
import { utf8Text } from "@/lib/shared/body/utf8";
import type { ShapeChange } from "@/lib/shared/shapes/shape";
import { outcomeFromColumns } from "@/lib/server/shapes/schemas";

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
    schemaResult: record.schemaResult as RequestSummary["schemaResult"],
  };
}

/** Bodies larger than this are left out of the JSON detail: the inspector reads them from /raw in parts. */
export const DETAIL_INLINE_BODY_BYTES = 2 * 1024 * 1024;

/** The owner-schema verdict stored at capture, as the detail shows it; null when none was stored. */
export function storedSchemaCheck(record: Pick<CapturedRequestRecord, "schemaResult" | "schemaErrors" | "schemaRef">): SchemaCheck | null {
  if (record.schemaResult === null) return null;
  const version = Number(record.schemaRef?.split(":").at(-1));
  return { ...outcomeFromColumns(record.schemaResult, record.schemaErrors), evaluated: "capture", schemaVersion: Number.isInteger(version) ? version : 0 };
}

/** `schemaCheck` defaults to the verdict stored at capture; the detail route passes one against the current schema. */
export function toDetail(
  record: CapturedRequestRecord,
  inlineBodyBytes = DETAIL_INLINE_BODY_BYTES,
  schemaCheck: SchemaCheck | null = storedSchemaCheck(record),
): RequestDetail {
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
    schemaCheck,
  };
}
