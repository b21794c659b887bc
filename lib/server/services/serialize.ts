import type { RequestDetail, RequestSummary, SchemaCheck } from "@/lib/shared/api-types";
import type { CapturedRequestRecord, RequestSummaryRecord } from "@/lib/server/queries/requests";
import { utf8Text } from "@/lib/shared/body/utf8";
import type { ShapeChange } from "@/lib/shared/shapes/shape";
import { outcomeFromColumns } from "@/lib/server/shapes/schemas";

/** Each of a bin's owner schemas by event type, as "<id>:<version>": what a row's stored verdict must have been checked against. */
export type CurrentSchemas = ReadonlyMap<string, string>;

/**
 * `schemas`: the bin's current schemas, when the caller read them (the list, a detail). Without them only
 * the learner's own pending mark is known (a capture's live event, which is always pending when typed).
 */
export function toSummary(record: RequestSummaryRecord, schemas?: CurrentSchemas): RequestSummary {
  const current = record.eventType === null ? undefined : schemas?.get(record.eventType);
  const stale = schemas !== undefined && current !== undefined && record.schemaRef !== current;
  const pending = record.shapePending || stale;
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
    shapeDrift: record.shapePending ? null : record.shapeDrift,
    // A verdict of a replaced or removed schema is not shown as this one's.
    schemaResult: pending || (schemas !== undefined && current === undefined) ? null : (record.schemaResult as RequestSummary["schemaResult"]),
    checksPending: pending,
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
  schemas?: CurrentSchemas,
): RequestDetail {
  const body = Buffer.from(record.body);
  const omitted = body.length > inlineBodyBytes;
  return {
    ...toSummary(record, schemas),
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
