import { db } from "@/lib/server/db/client";

/** A bin's learnt shapes, by event type. */
export async function listEventShapes(binId: string) {
  return db().eventShape.findMany({ where: { binId }, orderBy: { eventType: "asc" } });
}

export async function getEventShape(binId: string, eventType: string) {
  return db().eventShape.findUnique({ where: { binId_eventType: { binId, eventType } } });
}
