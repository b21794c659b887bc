// Browser-side calls for the owner's tools: settings, replay, forwarders, deliveries, signature verification.
// Goes through ./api.ts: Bearer token, no HTTP cache, the API's error envelope as ApiRequestError.
import type { BinInfo, DeliveryDetail } from "@/lib/api-types";
import { ApiRequestError, binPath, json, requestPath, send } from "./api";
import type {
  BinPatch,
  BinSettingsJson,
  DeliveryList,
  ForwarderList,
  ForwarderPush,
  NewSecret,
  ReplayBody,
  SenderPresetCatalogue,
  SignatureScheme,
  StoredSecret,
  Verification,
} from "./owner-types";

/**
 * True when the server has no such route at all (an HTML 404 or 405, no error envelope), as
 * opposed to a JSON 404 about a missing bin or request: the feature is not deployed yet.
 */
export function isNotAvailable(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === "http_error" && [404, 405, 501].includes(error.status);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function getBinSettings(binId: string, token: string, signal?: AbortSignal): Promise<BinSettingsJson> {
  return json<BinSettingsJson>(`${binPath(binId)}/settings`, { token, signal });
}

export function updateBin(binId: string, token: string, patch: BinPatch): Promise<BinInfo> {
  return json<BinInfo>(binPath(binId), { method: "PATCH", token, json: patch });
}

/** Always answers with the delivery, also when the target failed or was refused (its attempt log says why). */
export function replayRequest(binId: string, token: string, requestId: string, replay: ReplayBody): Promise<DeliveryDetail> {
  return json<DeliveryDetail>(`${requestPath(binId, requestId)}/replay`, { method: "POST", token, json: replay });
}

/** Replays the requests one after another, oldest first, each to the target plus its own subpath. */
export async function replayMany(binId: string, token: string, targetUrl: string, requestIds: string[]): Promise<DeliveryDetail[]> {
  return (await json<DeliveryList>(`${binPath(binId)}/replay`, { method: "POST", token, json: { targetUrl, requestIds } })).deliveries;
}

const forwarderPath = (binId: string, name: string) => `${binPath(binId)}/forwarders/${encodeURIComponent(name)}`;

export function listForwarders(binId: string, token: string, signal?: AbortSignal): Promise<ForwarderList> {
  return json<ForwarderList>(`${binPath(binId)}/forwarders`, { token, signal });
}

export async function forgetForwarder(binId: string, token: string, name: string): Promise<void> {
  await send(forwarderPath(binId, name), { method: "DELETE", token });
}

/**
 * Sends the request through a connected `hookscope forward` to what it forwards to, and answers
 * with the delivery as the CLI reported it. Rejects (409, 504) when no CLI takes it.
 */
export function sendThroughForwarder(binId: string, token: string, name: string, push: ForwarderPush): Promise<DeliveryDetail> {
  return json<DeliveryDetail>(`${forwarderPath(binId, name)}/send`, { method: "POST", token, json: push });
}

export async function listRequestDeliveries(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<DeliveryDetail[]> {
  return (await json<DeliveryList>(`${requestPath(binId, requestId)}/deliveries`, { token, signal })).deliveries;
}

export async function listDeadDeliveries(binId: string, token: string, signal?: AbortSignal): Promise<DeliveryDetail[]> {
  return (await json<DeliveryList>(`${binPath(binId)}/deliveries?status=dead`, { token, signal })).deliveries;
}

export function retryDelivery(binId: string, token: string, deliveryId: string): Promise<DeliveryDetail> {
  return json<DeliveryDetail>(`${binPath(binId)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: "POST", token });
}

export function getVerification(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<Verification> {
  return json<Verification>(`${requestPath(binId, requestId)}/verification`, { token, signal });
}

export async function listSignatureSchemes(token: string, signal?: AbortSignal): Promise<SignatureScheme[]> {
  const body = await json<SignatureScheme[] | { schemes: SignatureScheme[] }>("/api/signature-schemes", { token, signal });
  return Array.isArray(body) ? body : body.schemes;
}

export async function listSecrets(binId: string, token: string, signal?: AbortSignal): Promise<StoredSecret[]> {
  return (await json<{ secrets: StoredSecret[] }>(`${binPath(binId)}/secrets`, { token, signal })).secrets;
}

export function addSecret(binId: string, token: string, secret: NewSecret): Promise<StoredSecret> {
  return json<StoredSecret>(`${binPath(binId)}/secrets`, { method: "POST", token, json: secret });
}

export async function deleteSecret(binId: string, token: string, secretId: string): Promise<void> {
  await send(`${binPath(binId)}/secrets/${encodeURIComponent(secretId)}`, { method: "DELETE", token });
}

/** Providers whose published sending ranges a sender allow-list can include (no token needed). */
export function listSenderPresets(signal?: AbortSignal): Promise<SenderPresetCatalogue> {
  return json<SenderPresetCatalogue>("/api/sender-presets", { signal });
}
