// Browser-side calls for the owner's tools: settings, replay, deliveries, signature verification.
// Same conventions as ./api.ts (Bearer token, no HTTP cache, the API's error envelope as
// ApiRequestError), plus JSON request bodies, which that client does not send.
import type { ApiError, BinInfo, DeliveryDetail } from "@/lib/api-types";
import { ApiRequestError, BinNotFoundError } from "./api";
import type {
  BinPatch,
  BinSettingsJson,
  DeliveryList,
  NewSecret,
  ReplayBody,
  SignatureScheme,
  StoredSecret,
  Verification,
} from "./owner-types";

interface CallOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  token: string;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, { method = "GET", token, body, signal }: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
    cache: "no-store",
  });
  if (response.ok) return response;
  throw await toError(response);
}

async function toError(response: Response): Promise<ApiRequestError> {
  let code = "http_error";
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (body.error && typeof body.error.code === "string") {
      code = body.error.code;
      message = typeof body.error.message === "string" ? body.error.message : message;
    }
  } catch {
    // Not JSON: a route the server does not have yet answers with Next's HTML 404 page.
  }
  if (response.status === 404 && code === "bin_not_found") return new BinNotFoundError(message);
  return new ApiRequestError(response.status, code, message);
}

async function json<T>(path: string, options: CallOptions): Promise<T> {
  return (await (await send(path, options)).json()) as T;
}

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

const binPath = (binId: string) => `/api/bins/${encodeURIComponent(binId)}`;
const requestPath = (binId: string, requestId: string) => `${binPath(binId)}/requests/${encodeURIComponent(requestId)}`;

export function getBinSettings(binId: string, token: string, signal?: AbortSignal): Promise<BinSettingsJson> {
  return json<BinSettingsJson>(`${binPath(binId)}/settings`, { token, signal });
}

export function updateBin(binId: string, token: string, patch: BinPatch): Promise<BinInfo> {
  return json<BinInfo>(binPath(binId), { method: "PATCH", token, body: patch });
}

/** Always answers with the delivery, also when the target failed or was refused (its attempt log says why). */
export function replayRequest(binId: string, token: string, requestId: string, replay: ReplayBody): Promise<DeliveryDetail> {
  return json<DeliveryDetail>(`${requestPath(binId, requestId)}/replay`, { method: "POST", token, body: replay });
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
  return json<StoredSecret>(`${binPath(binId)}/secrets`, { method: "POST", token, body: secret });
}

export async function deleteSecret(binId: string, token: string, secretId: string): Promise<void> {
  await send(`${binPath(binId)}/secrets/${encodeURIComponent(secretId)}`, { method: "DELETE", token });
}
