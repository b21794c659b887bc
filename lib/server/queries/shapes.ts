import { db } from "@/lib/server/db/client";

/**
 * The re-check cursor of a type whose every request is to be checked: empty, rather than a character
 * sorting after every id, which under PostgreSQL's locale collations may sort first.
 */
const RECHECK_ALL = "";

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

/**
 * Stores a type's schema: a new one gets `newId` and version 1, a replaced one keeps its id and counts
 * up. A new type is stored only while the bin holds fewer than `maxSchemas` (null when it holds
 * them all), counted inside the transaction after taking the bin's write lock: two PUTs at once
 * cannot both see room for one more.
 */
export async function putEventSchema(binId: string, eventType: string, schema: { newId: string; draft: string; text: string }, now: Date, maxSchemas: number) {
  return db().$transaction(async (tx) => {
    // A write that changes nothing, first in the transaction: on PostgreSQL it locks the bin's row
    // until commit; on SQLite it takes the database's write lock before anything is read (BEGIN
    // IMMEDIATE's effect), so the count below cannot go stale and the later writes cannot be refused.
    await tx.bin.updateMany({ where: { id: binId }, data: { captureCount: { increment: 0 } } });
    const where = { binId_eventType: { binId, eventType } };
    if (!(await tx.eventSchema.findUnique({ where, select: { id: true } })) && (await tx.eventSchema.count({ where: { binId } })) >= maxSchemas) return null;
    const stored = await tx.eventSchema.upsert({
      where,
      // The background re-check starts over from the newest request. The old
      // version's verdicts stay in the rows but no longer count: they name another version.
      create: {
        binId,
        eventType,
        id: schema.newId,
        version: 1,
        draft: schema.draft,
        schema: schema.text,
        createdAt: now,
        updatedAt: now,
        recheckBefore: RECHECK_ALL,
      },
      update: { version: { increment: 1 }, draft: schema.draft, schema: schema.text, updatedAt: now, recheckBefore: RECHECK_ALL },
    });
    return stored;
  });
}

export async function deleteEventSchema(binId: string, eventType: string): Promise<boolean> {
  const { count } = await db().eventSchema.deleteMany({ where: { binId, eventType } });
  return count > 0;
}
