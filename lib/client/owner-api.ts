// Browser-side calls for the owner's tools: settings, replay, forwarders, deliveries, signature verification.
// Goes through ./api.ts: Bearer token, no HTTP cache, the API's error envelope as ApiRequestError.
import type { BinInfo, DeliveryDetail, OwnerSchema, TestEventResult } from "@/lib/shared/api-types";
import { BinSettingsSchema } from "@/lib/shared/settings/settings";
import {
  BinInfoSchema,
  DeliveryDetailSchema,
  DeliveryListSchema,
  ForwarderListSchema,
  MaskedSecretSchema,
  OwnerSchemaSchema,
  SecretListSchema,
  SenderPresetCatalogueSchema,
  SignatureSchemeListSchema,
  TestEventResultSchema,
  VerificationSchema,
} from "@/lib/shared/contract";
import { binPath, json, ownerSchemaPath, requestPath, send } from "./api";
import type {
  BinPatch,
  BinSettingsJson,
  ForwarderList,
  ForwarderPush,
  NewSecret,
  ReplayBody,
  SenderPresetCatalogue,
  SignatureScheme,
  StoredSecret,
  TestEventBody,
  Verification,
} from "./owner-types";

export { errorMessage } from "@/lib/shared/errors";

export function getBinSettings(binId: string, token: string, signal?: AbortSignal): Promise<BinSettingsJson> {
  return json(BinSettingsSchema, `${binPath(binId)}/settings`, { token, signal });
}

export function updateBin(binId: string, token: string, patch: BinPatch): Promise<BinInfo> {
  return json(BinInfoSchema, binPath(binId), { method: "PATCH", token, json: patch });
}

/** Sends the schema's text as it is: the server's refusal (Ajv's reason, 413) comes back as the error's message. */
export function putOwnerSchema(binId: string, token: string, eventType: string, schemaText: string): Promise<OwnerSchema> {
  return json(OwnerSchemaSchema, ownerSchemaPath(binId, eventType), {
    method: "PUT",
    token,
    headers: { "Content-Type": "application/json" },
    body: schemaText,
  });
}

export async function deleteOwnerSchema(binId: string, token: string, eventType: string): Promise<void> {
  await send(ownerSchemaPath(binId, eventType), { method: "DELETE", token });
}

/** Always answers with the delivery, also when the target failed or was refused (its attempt log says why). */
export function replayRequest(binId: string, token: string, requestId: string, replay: ReplayBody): Promise<DeliveryDetail> {
  return json(DeliveryDetailSchema, `${requestPath(binId, requestId)}/replay`, { method: "POST", token, json: replay });
}

/** Signs the scheme's template (or the given body) with the bin's secret; captured in the bin, then sent to the target if given. */
export function sendTestEvent(binId: string, token: string, event: TestEventBody): Promise<TestEventResult> {
  return json(TestEventResultSchema, `${binPath(binId)}/test-event`, { method: "POST", token, json: event });
}

/** Replays the requests one after another, oldest first, each to the target plus its own subpath. */
export async function replayMany(binId: string, token: string, targetUrl: string, requestIds: string[]): Promise<DeliveryDetail[]> {
  return (await json(DeliveryListSchema, `${binPath(binId)}/replay`, { method: "POST", token, json: { targetUrl, requestIds } })).deliveries;
}

const forwarderPath = (binId: string, name: string) => `${binPath(binId)}/forwarders/${encodeURIComponent(name)}`;

export function listForwarders(binId: string, token: string, signal?: AbortSignal): Promise<ForwarderList> {
  return json(ForwarderListSchema, `${binPath(binId)}/forwarders`, { token, signal });
}

export async function forgetForwarder(binId: string, token: string, name: string): Promise<void> {
  await send(forwarderPath(binId, name), { method: "DELETE", token });
}

/**
 * Sends the request through a connected `hookscope forward` to what it forwards to, and answers
 * with the delivery as the CLI reported it. Rejects (409, 504) when no CLI takes it.
 */
export function sendThroughForwarder(binId: string, token: string, name: string, push: ForwarderPush): Promise<DeliveryDetail> {
  return json(DeliveryDetailSchema, `${forwarderPath(binId, name)}/send`, { method: "POST", token, json: push });
}

export async function listRequestDeliveries(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<DeliveryDetail[]> {
  return (await json(DeliveryListSchema, `${requestPath(binId, requestId)}/deliveries`, { token, signal })).deliveries;
}

export async function listDeadDeliveries(binId: string, token: string, signal?: AbortSignal): Promise<DeliveryDetail[]> {
  return (await json(DeliveryListSchema, `${binPath(binId)}/deliveries?status=dead`, { token, signal })).deliveries;
}

export function retryDelivery(binId: string, token: string, deliveryId: string): Promise<DeliveryDetail> {
  return json(DeliveryDetailSchema, `${binPath(binId)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: "POST", token });
}

export function getVerification(binId: string, token: string, requestId: string, signal?: AbortSignal): Promise<Verification> {
  return json(VerificationSchema, `${requestPath(binId, requestId)}/verification`, { token, signal });
}

export function listSignatureSchemes(token: string, signal?: AbortSignal): Promise<SignatureScheme[]> {
  return json(SignatureSchemeListSchema, "/api/signature-schemes", { token, signal });
}

export async function listSecrets(binId: string, token: string, signal?: AbortSignal): Promise<StoredSecret[]> {
  return (await json(SecretListSchema, `${binPath(binId)}/secrets`, { token, signal })).secrets;
}

export function addSecret(binId: string, token: string, secret: NewSecret): Promise<StoredSecret> {
  return json(MaskedSecretSchema, `${binPath(binId)}/secrets`, { method: "POST", token, json: secret });
}

export async function deleteSecret(binId: string, token: string, secretId: string): Promise<void> {
  await send(`${binPath(binId)}/secrets/${encodeURIComponent(secretId)}`, { method: "DELETE", token });
}

/** Providers whose published sending ranges a sender allow-list can include (no token needed). */
export function listSenderPresets(signal?: AbortSignal): Promise<SenderPresetCatalogue> {
  return json(SenderPresetCatalogueSchema, "/api/sender-presets", { signal });
}
