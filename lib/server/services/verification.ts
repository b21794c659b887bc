import type { Verification } from "@/lib/shared/api-types";
import type { Verdict } from "@/lib/server/signatures";
import { SCHEMES } from "@/lib/server/signatures";
import { newSecretId, parseSecretInput, parseStoredSecrets, toMasked, type MaskedSecret, type StoredSecret } from "@/lib/server/bins/secrets";
import { parseStoredSettings } from "@/lib/shared/settings/settings";
import { checkTrust, storedVerdict, trustInputOf } from "@/lib/server/bins/trust";
import { BinNotFoundError, DomainError, RequestNotFoundError, ValidationError, errorMessage } from "@/lib/shared/errors";
import { REQUEST_ID_PATTERN } from "@/lib/server/ids";
import { binsWithRecheckPending, clearRecheckPending, getBin, updateBin, type BinRecord } from "@/lib/server/queries/bins";
import { getRequest, requestsForRecheck, setVerdict } from "@/lib/server/queries/requests";
import { publish } from "@/lib/server/realtime/bus";
import type { Role } from "@/lib/server/services/access";
import { refuseIfManaged } from "@/lib/server/services/bins";

export const MAX_SECRETS = 20;
const RECHECK_CHUNK = 200;

export function listSecrets(bin: BinRecord): MaskedSecret[] {
  return parseStoredSecrets(bin.secrets).map(toMasked);
}

async function saveSecrets(binId: string, secrets: StoredSecret[]): Promise<void> {
  if (!(await updateBin(binId, { secrets: JSON.stringify(secrets), recheckPending: true }))) throw new BinNotFoundError();
  scheduleRecheck(binId);
}

/** Stores a signature secret or the delivery token; stored requests are then checked again. */
export async function addSecret(bin: BinRecord, input: unknown): Promise<MaskedSecret> {
  refuseIfManaged(bin.id);
  const parsed = parseSecretInput(input);
  if (!parsed.ok) throw new ValidationError(parsed.message);
  const secrets = parseStoredSecrets(bin.secrets);
  if (secrets.length >= MAX_SECRETS) throw new ValidationError(`A bin keeps at most ${MAX_SECRETS} secrets; remove one first.`);
  const secret: StoredSecret = { id: newSecretId(), ...parsed.value };
  // One delivery token at a time: a new one replaces the old.
  const kept = secret.scheme === "delivery-auth" ? secrets.filter((s) => s.scheme !== "delivery-auth") : secrets;
  await saveSecrets(bin.id, [...kept, secret]);
  return toMasked(secret);
}

export async function removeSecret(bin: BinRecord, secretId: string): Promise<void> {
  refuseIfManaged(bin.id);
  const secrets = parseStoredSecrets(bin.secrets);
  const kept = secrets.filter((secret) => secret.id !== secretId);
  if (kept.length === secrets.length) throw new DomainError("secret_not_found", "No secret with that id in this bin.", 404);
  await saveSecrets(bin.id, kept);
}

export type RequestVerification = Verification;

/** The verdict of one stored request against the bin's current secrets; a viewer gets `forViewer` of it. */
export async function verifyStoredRequest(bin: BinRecord, requestId: string, role: Role): Promise<RequestVerification> {
  const record = REQUEST_ID_PATTERN.test(requestId) ? await getRequest(bin.id, requestId) : null;
  if (!record) throw new RequestNotFoundError();
  const { verdict } = checkTrust(trustInputOf(bin.id, record), parseStoredSettings(bin.settings), parseStoredSecrets(bin.secrets));
  const full: RequestVerification = {
    status: verdict.status,
    signature: verdict.signature,
    freshness: verdict.freshness,
    scheme: verdict.scheme,
    reason: verdict.reason,
    ...(verdict.details ? { details: verdict.details } : {}),
    duplicateOf: record.duplicateOf,
    authFailure: record.authFailure,
    sourceFailure: record.sourceFailure,
    plainHttp: record.plainHttp,
  };
  return role === "viewer" ? forViewer(full) : full;
}

/** The details a share-link viewer may read: all of them describe the request, none the secret. */
const VIEWER_DETAILS = [
  "header",
  "received",
  "timestampAgeSeconds",
  "toleranceSeconds",
  "staleBySeconds",
  "replaySuspected",
  "signedPayloadPreview",
  "signedUrl",
  "signedUrlSource",
  "hints",
] as const;

/** `expected "5257a869e7ec…", ` as a mismatch quotes the computed signature before the received one. */
const QUOTED_EXPECTED = /expected "(?:[^"\\]|\\.)*", (?=received )/g;

const withoutExpected = (text: string) => text.replace(QUOTED_EXPECTED, "");

/**
 * A verdict without what is derived from the owner's secret. The expected signature goes, even cut
 * to 12 characters: with it anyone who can post to the public capture URL could check guesses
 * against the secret. A mismatch quotes it in the reason, and a hint can repeat another secret's
 * reason, so both lose the quote. The details are copied field by field: a detail added later
 * stays owner-only until it is listed here.
 */
export function forViewer(verification: RequestVerification): RequestVerification {
  const { details, reason, ...rest } = verification;
  if (!details) return { ...rest, reason: withoutExpected(reason) };
  const kept = Object.fromEntries(VIEWER_DETAILS.flatMap((key) => (details[key] === undefined ? [] : [[key, details[key]]]))) as NonNullable<
    Verdict["details"]
  >;
  if (kept.hints) kept.hints = kept.hints.map(withoutExpected);
  return { ...rest, reason: withoutExpected(reason), details: kept };
}

/** Re-checks every stored request of the bin (after a secret changed), a chunk at a time. */
export async function recheckBinVerdicts(binId: string): Promise<number> {
  const bin = await getBin(binId);
  if (!bin) return 0;
  const settings = parseStoredSettings(bin.settings);
  const secrets = parseStoredSecrets(bin.secrets);
  let changed = 0;
  let cursor = "";
  while (true) {
    const chunk = await requestsForRecheck(binId, cursor, RECHECK_CHUNK);
    for (const record of chunk) {
      const stored = storedVerdict(checkTrust(trustInputOf(binId, record), settings, secrets).verdict);
      const same =
        stored.verdict === record.verdict &&
        stored.signature === record.signature &&
        stored.freshness === record.freshness &&
        stored.replaySuspected === record.replaySuspected;
      if (!same) {
        await setVerdict(record.id, stored);
        changed++;
      }
    }
    if (chunk.length < RECHECK_CHUNK) break;
    cursor = chunk.at(-1)!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await clearRecheckPending(binId, bin.secrets);
  publish("bin.verdictsChanged", { binId });
  return changed;
}

/** Resumes the re-checks a restart cut short, and those of rows stored before verdicts had two dimensions. */
export async function resumePendingRechecks(): Promise<void> {
  for (const binId of await binsWithRecheckPending()) await scheduleRecheck(binId);
}

const rechecks = new Map<string, Promise<unknown>>();

/** Runs a re-check in the background; one at a time per bin, the latest request winning. */
export function scheduleRecheck(binId: string): Promise<unknown> {
  const previous = rechecks.get(binId) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(() => recheckBinVerdicts(binId))
    .catch((error: unknown) => console.error(`verification: re-check of bin ${binId} failed:`, errorMessage(error)))
    .finally(() => {
      if (rechecks.get(binId) === next) rechecks.delete(binId);
    });
  rechecks.set(binId, next);
  return next;
}

export function schemeCatalogue() {
  return SCHEMES;
}
