import { db } from "@/lib/server/db/client";

/** A bin's learnt shapes, by event type. */
export async function listEventShapes(binId: string) {
  return db().eventShape.findMany({ where: { binId }, orderBy: { eventType: "asc" } });
}

export async function getEventShape(binId: string, eventType: string) {
  return db().eventShape.findUnique({ where: { binId_eventType: { binId, eventType } } });
}

/** The owner's schemas of a bin, by event type. */
export async function listEventSchemas(binId: string) {
  return db().eventSchema.findMany({ where: { binId }, orderBy: { eventType: "asc" } });
}

export async function getEventSchema(binId: string, eventType: string) {
  return db().eventSchema.findUnique({ where: { binId_eventType: { binId, eventType } } });
}

export async function countEventSchemas(binId: string): Promise<number> {
  return db().eventSchema.count({ where: { binId } });
}

/** The verdicts of a type's stored requests belong to the schema being replaced or removed: they go with it. */
function clearVerdicts(tx: Pick<ReturnType<typeof db>, "capturedRequest">, binId: string, eventType: string) {
  return tx.capturedRequest.updateMany({
    where: { binId, eventType, schemaResult: { not: null } },
    data: { schemaResult: null, schemaErrors: null, schemaRef: null },
  });
}

/** Stores a type's schema: a new one gets `newId` and version 1, a replaced one keeps its id and counts up. */
export async function putEventSchema(binId: string, eventType: string, schema: { newId: string; draft: string; text: string }, now: Date) {
  return db().$transaction(async (tx) => {
    const stored = await tx.eventSchema.upsert({
      where: { binId_eventType: { binId, eventType } },
      create: { binId, eventType, id: schema.newId, version: 1, draft: schema.draft, schema: schema.text, createdAt: now, updatedAt: now },
      update: { version: { increment: 1 }, draft: schema.draft, schema: schema.text, updatedAt: now },
    });
    await clearVerdicts(tx, binId, eventType);
    return stored;
  });
}

export async function deleteEventSchema(binId: string, eventType: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.eventSchema.deleteMany({ where: { binId, eventType } });
    if (count > 0) await clearVerdicts(tx, binId, eventType);
    return count > 0;
  });
}
