import { randomUUID } from "node:crypto";
import type { EventShapeList, OwnerSchema, SchemaCheck, ShapeChangeList, ShapeExport } from "@/lib/shared/api-types";
import { DomainError } from "@/lib/shared/errors";
import { exportShape, type ExportFormat } from "@/lib/shared/shapes/export";
import type { ShapeNode } from "@/lib/shared/shapes/shape";
import type { ShapeChangeSeen } from "@/lib/server/shapes/learn";
import { deleteEventSchema, getEventSchema, getEventShape, listEventSchemas, listEventShapes, putEventSchema } from "@/lib/server/queries/shapes";
import type { CapturedRequestRecord } from "@/lib/server/queries/requests";
import { publish } from "@/lib/server/realtime/bus";
import type { CurrentSchemas } from "@/lib/server/services/serialize";
import { jsonBodyOf } from "@/lib/server/shapes/json-body";
import { checkBody, compileSchema, MAX_SCHEMAS_PER_BIN, outcomeFromColumns, rememberCompiled, schemaRef, type SchemaDraft } from "@/lib/server/shapes/schemas";

function countFields(node: ShapeNode): number {
  let count = 0;
  for (const child of Object.values(node.properties ?? {})) count += 1 + countFields(child);
  return count + (node.items ? countFields(node.items) : 0);
}

function changesOf(text: string): ShapeChangeSeen[] {
  return JSON.parse(text) as ShapeChangeSeen[];
}

export async function binShapes(binId: string): Promise<EventShapeList> {
  const [rows, schemas] = await Promise.all([listEventShapes(binId), listEventSchemas(binId)]);
  return {
    schemas: schemas.map((schema) => ({
      eventType: schema.eventType,
      version: schema.version,
      draft: schema.draft as SchemaDraft,
      updatedAt: schema.updatedAt.toISOString(),
    })),
    shapes: rows.map((row) => {
      const shape = JSON.parse(row.shape) as ShapeNode;
      return {
        eventType: row.eventType,
        samples: shape.seen,
        fields: countFields(shape),
        changes: changesOf(row.changes).length,
        firstSeenAt: row.firstSeenAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
      };
    }),
  };
}

/** Every type's first occurrences of each change, newest first; one type's when `eventType` is given. */
export async function binShapeChanges(binId: string, eventType?: string): Promise<ShapeChangeList> {
  const rows = (await listEventShapes(binId)).filter((row) => eventType === undefined || row.eventType === eventType);
  const changes = rows.flatMap((row) => changesOf(row.changes).map((change) => ({ ...change, eventType: row.eventType })));
  changes.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.requestId < b.requestId ? 1 : -1));
  return { changes };
}

export async function exportBinShape(binId: string, eventType: string, format: ExportFormat): Promise<ShapeExport> {
  const row = await getEventShape(binId, eventType);
  if (!row) throw new DomainError("shape_not_found", `This bin has no learnt shape for the event type "${eventType}".`, 404);
  return { eventType, format, ...exportShape(JSON.parse(row.shape) as ShapeNode, eventType, format) };
}

type EventSchemaRow = NonNullable<Awaited<ReturnType<typeof getEventSchema>>>;

function toOwnerSchema(row: EventSchemaRow): OwnerSchema {
  return {
    eventType: row.eventType,
    version: row.version,
    draft: row.draft as SchemaDraft,
    updatedAt: row.updatedAt.toISOString(),
    schema: row.schema,
    createdAt: row.createdAt.toISOString(),
  };
}

const noSchema = (eventType: string) => new DomainError("schema_not_found", `This bin has no schema for the event type "${eventType}".`, 404);

export async function ownerSchema(binId: string, eventType: string): Promise<OwnerSchema> {
  const row = await getEventSchema(binId, eventType);
  if (!row) throw noSchema(eventType);
  return toOwnerSchema(row);
}

/** The bin's owner schemas by event type, as the stored verdicts name them (see toSummary). */
export async function currentSchemas(binId: string): Promise<CurrentSchemas> {
  return new Map((await listEventSchemas(binId)).map((schema) => [schema.eventType, schemaRef(schema)]));
}

/**
 * Sets (or replaces) the type's schema once Ajv compiles it (422 with Ajv's reason otherwise). The
 * type's stored requests are checked against it in the background, newest first (lib/server/shapes/learner.ts);
 * until each is, it is listed as pending, and its detail checks it when read.
 */
export async function setOwnerSchema(binId: string, eventType: string, text: string): Promise<OwnerSchema> {
  const { draft, validate } = compileSchema(text);
  const row = await putEventSchema(binId, eventType, { newId: randomUUID(), draft, text }, new Date(), MAX_SCHEMAS_PER_BIN);
  if (row === null) throw new DomainError("too_many_schemas", `A bin may hold ${MAX_SCHEMAS_PER_BIN} schemas; remove one first.`, 409);
  rememberCompiled(row, validate);
  publish("bin.schemaChanged", { binId, eventType, removed: false });
  return toOwnerSchema(row);
}

export async function removeOwnerSchema(binId: string, eventType: string): Promise<void> {
  if (!(await deleteEventSchema(binId, eventType))) throw noSchema(eventType);
  publish("bin.schemaChanged", { binId, eventType, removed: true });
}

/**
 * The request against its type's current schema: the verdict stored at capture when it was checked
 * against this version, else checked now (a request from before the schema, or before its last change).
 */
export async function currentSchemaCheck(record: CapturedRequestRecord): Promise<SchemaCheck | null> {
  if (record.eventType === null) return null;
  const schema = await getEventSchema(record.binId, record.eventType);
  if (!schema) return null;
  if (record.schemaResult !== null && record.schemaRef === schemaRef(schema)) {
    return { ...outcomeFromColumns(record.schemaResult, record.schemaErrors), evaluated: "capture", schemaVersion: schema.version };
  }
  const body = jsonBodyOf(record.contentType, record.body);
  if (body === null) return null;
  return { ...checkBody(schema, body), evaluated: "read", schemaVersion: schema.version };
}
