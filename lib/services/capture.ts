import type { RequestSummary } from "@/lib/api-types";
import { BinNotFoundError, StorageUnavailableError } from "@/lib/errors";
import { newRequestId } from "@/lib/ids";
import { binExists } from "@/lib/queries/bins";
import { insertRequests, type CapturedRequestRecord } from "@/lib/queries/requests";
import { publish, subscribe } from "@/lib/realtime/bus";
import { BatchWriter } from "@/lib/services/batch-writer";
import { toSummary } from "@/lib/services/serialize";

/** A request as it came off the wire, before it is stored. */
export interface IncomingCapture {
  binId: string;
  method: string;
  /** What followed the bin id in the URL path, as sent ("" when nothing did). */
  path: string;
  /** The raw query string without "?" ("" when there was none). */
  query: string;
  /** Node's `rawHeaders`: name, value, name, value... in arrival order, original case. */
  rawHeaders: string[];
  body: Buffer<ArrayBuffer>;
  remoteAddress: string;
  httpVersion: string;
  receivedAt: number;
}

const KNOWN_BIN_TTL_MS = 10_000;
const knownBins = new Map<string, number>();
let forgetsDeletedBins = false;

/**
 * Capture must not pay a bin lookup per request. A bin seen recently is trusted for a few seconds;
 * should it be deleted meanwhile (elsewhere), the foreign key still refuses the insert.
 */
async function isKnownBin(binId: string, now: number): Promise<boolean> {
  if (!forgetsDeletedBins) {
    forgetsDeletedBins = true;
    subscribe("bin.deleted", ({ binId: deleted }) => knownBins.delete(deleted));
  }
  const until = knownBins.get(binId);
  if (until !== undefined && until > now) return true;
  const exists = await binExists(binId);
  if (exists) knownBins.set(binId, now + KNOWN_BIN_TTL_MS);
  else knownBins.delete(binId);
  return exists;
}

export function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

function firstHeader(pairs: [string, string][], name: string): string | null {
  const lower = name.toLowerCase();
  return pairs.find(([key]) => key.toLowerCase() === lower)?.[1] ?? null;
}

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2003";
}

const writer = new BatchWriter<CapturedRequestRecord>(insertRequests);

/** Requests accepted but not yet committed: what overload protection watches. */
export function pendingCaptures(): number {
  return writer.pending;
}

/** Stores the request; resolves once it is committed, then announces it to live viewers. */
export async function captureRequest(input: IncomingCapture): Promise<RequestSummary> {
  if (!(await isKnownBin(input.binId, input.receivedAt))) throw new BinNotFoundError();
  const headers = headerPairs(input.rawHeaders);
  const record: CapturedRequestRecord = {
    id: newRequestId(input.receivedAt),
    binId: input.binId,
    method: input.method,
    path: input.path,
    query: input.query,
    headers: JSON.stringify(headers),
    contentType: firstHeader(headers, "content-type"),
    body: input.body,
    bodySize: input.body.length,
    remoteAddress: input.remoteAddress,
    httpVersion: input.httpVersion,
    receivedAt: new Date(input.receivedAt),
  };
  try {
    await writer.write(record);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      knownBins.delete(input.binId);
      throw new BinNotFoundError();
    }
    console.error("capture: write failed:", error instanceof Error ? error.message : error);
    throw new StorageUnavailableError();
  }
  const summary = toSummary(record);
  publish("request.captured", summary);
  return summary;
}
