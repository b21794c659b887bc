import { z } from "zod";
import type { CreatedBin } from "@/lib/shared/api-types";
import { env } from "@/lib/server/env";
import { DomainError, ValidationError } from "@/lib/shared/errors";
import { fromHar, HarSchema, toHar } from "@/lib/server/exchange/har";
import { fromHookscopeJson, HookscopeExportSchema, toHookscopeJson } from "@/lib/server/exchange/hookscope-json";
import type { PortableRequest } from "@/lib/server/exchange/model";
import { newRequestId, REQUEST_ID_PATTERN } from "@/lib/server/ids";
import { arrivedRecord, importRequests, listFullRequests, type CapturedRequestRecord } from "@/lib/server/queries/requests";
import { createNewBin } from "@/lib/server/services/bins";
import { recheckBinVerdicts } from "@/lib/server/services/verification";
import { binUrls } from "@/lib/server/urls";
import { toFixtureSet } from "@/lib/server/exchange/fixtures";
import { checkTrust, trustInputOf } from "@/lib/server/bins/trust";
import { parseStoredSecrets } from "@/lib/server/bins/secrets";
import { parseStoredSettings } from "@/lib/shared/settings/settings";
import type { BinRecord } from "@/lib/server/queries/bins";
import type { SchemeId } from "@/lib/server/signatures";
import { matchesFilter, type RequestFilter } from "@/lib/server/requests/filter";
import { toDetail } from "@/lib/server/services/serialize";

const MAX_EXPORT_REQUESTS = 10_000;
const MAX_EXPORT_BYTES = 100 * 1024 * 1024;
const APP_VERSION = "0.1.0";

export type ExportFormat = "har" | "json" | "fixtures";

function toPortable(record: CapturedRequestRecord): PortableRequest & { id: string } {
  return {
    id: record.id,
    method: record.method,
    path: record.path,
    query: record.query,
    headers: record.headers,
    body: record.body,
    remoteAddress: record.remoteAddress,
    httpVersion: record.httpVersion,
    receivedAt: record.receivedAt,
    responseStatus: record.responseStatus,
    responseRule: record.responseRule,
  };
}

/** The signature scheme a stored request carries: the one its verdict names against the bin's secrets, or the detected one. */
function schemeOf(bin: BinRecord, record: CapturedRequestRecord): SchemeId | null {
  return checkTrust(trustInputOf(bin.id, record), parseStoredSettings(bin.settings), parseStoredSecrets(bin.secrets)).verdict.scheme;
}

/** The bin's requests (or the chosen ones) as a HAR 1.2 or Hookscope JSON document, or a fixture set for `hookscope replay`. */
export async function exportRequests(
  bin: BinRecord,
  origin: string,
  format: ExportFormat,
  ids?: string[],
  filter: RequestFilter = {},
): Promise<{ filename: string; document: unknown }> {
  const binId = bin.id;
  if (ids?.some((id) => !REQUEST_ID_PATTERN.test(id))) throw new ValidationError("ids: a comma-separated list of request ids");
  const searched = Object.values(filter).some((value) => value !== undefined);
  const listed = await listFullRequests(binId, ids, MAX_EXPORT_REQUESTS);
  // The same matching as the wait API: what a search finds is what is exported.
  const records = searched ? listed.filter((record) => matchesFilter(toDetail(record), filter)) : listed;
  const bytes = records.reduce((total, record) => total + record.bodySize, 0);
  if (bytes > MAX_EXPORT_BYTES) {
    throw new DomainError(
      "export_too_large",
      `These requests hold ${bytes} bytes of bodies, more than one export may carry (${MAX_EXPORT_BYTES}); export a selection.`,
      413,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  if (format === "fixtures") {
    const fixtures = records.map((record) => ({ ...toPortable(record), scheme: schemeOf(bin, record) }));
    return { filename: `hookscope-fixtures-${binId}-${stamp}.json`, document: toFixtureSet(binId, fixtures, new Date()) };
  }
  const portable = records.map(toPortable);
  const { captureUrl } = binUrls(origin, binId, bin.shareToken);
  return format === "har"
    ? { filename: `hookscope-${binId}-${stamp}.har`, document: toHar(captureUrl, portable, APP_VERSION) }
    : { filename: `hookscope-${binId}-${stamp}.json`, document: toHookscopeJson(binId, portable, new Date()) };
}

const ImportSchema = z.union([HookscopeExportSchema, HarSchema]);

/** A new bin holding the requests of a HAR or Hookscope JSON export, bodies byte for byte. */
export async function importExport(origin: string, input: unknown, ownerUserId: string | null = null): Promise<CreatedBin & { imported: number }> {
  const parsed = ImportSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The file is neither a Hookscope JSON export nor a HAR 1.2 file (log.entries).");
  const requests = "format" in parsed.data ? fromHookscopeJson(parsed.data) : fromHar(parsed.data);
  const { BIN_MAX_REQUESTS, MAX_BODY_BYTES } = env();
  if (requests.length > BIN_MAX_REQUESTS) throw new ValidationError(`The file holds ${requests.length} requests; a bin keeps at most ${BIN_MAX_REQUESTS}.`);
  const oversized = requests.findIndex((request) => request.body.length > MAX_BODY_BYTES);
  if (oversized !== -1) throw new ValidationError(`Request ${oversized + 1} has a body over the limit of ${MAX_BODY_BYTES} bytes.`);
  const created = await createNewBin(origin, {}, ownerUserId);
  const records = [...requests]
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
    .map((request, i): CapturedRequestRecord => ({
      ...arrivedRecord({
        id: newRequestId(request.receivedAt.getTime()),
        binId: created.id,
        method: request.method,
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: new Uint8Array(request.body),
        remoteAddress: request.remoteAddress,
        httpVersion: request.httpVersion,
        receivedAt: request.receivedAt,
        plainHttp: false,
      }),
      // What was stored and answered back then, kept; the trust checks run again below.
      sequence: i + 1,
      responseStatus: request.responseStatus,
      responseRule: request.responseRule,
    }));
  await importRequests(created.id, records);
  await recheckBinVerdicts(created.id);
  return { ...created, imported: records.length };
}
