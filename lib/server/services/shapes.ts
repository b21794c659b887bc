import type { EventShapeList, ShapeChangeList, ShapeExport } from "@/lib/shared/api-types";
import { DomainError } from "@/lib/shared/errors";
import { exportShape, type ExportFormat } from "@/lib/shared/shapes/export";
import type { ShapeNode } from "@/lib/shared/shapes/shape";
import type { ShapeChangeSeen } from "@/lib/server/shapes/learn";
import { getEventShape, listEventShapes } from "@/lib/server/queries/shapes";

function countFields(node: ShapeNode): number {
  let count = 0;
  for (const child of Object.values(node.properties ?? {})) count += 1 + countFields(child);
  return count + (node.items ? countFields(node.items) : 0);
}

function changesOf(text: string): ShapeChangeSeen[] {
  return JSON.parse(text) as ShapeChangeSeen[];
}

export async function binShapes(binId: string): Promise<EventShapeList> {
  const rows = await listEventShapes(binId);
  return {
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
