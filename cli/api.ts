import type { BinInfo, ForwarderReportBatch } from "@/lib/shared/api-types";
import { errorMessage } from "@/lib/shared/errors";

/** The server answered with an error status; `code` is from its `{ error: { code, message } }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The server could not be reached at all (down, restarting, wrong address). */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreachableError";
  }
}

// A hung server must not stall forwarding forever; the caller retries.
const CALL_TIMEOUT_MS = 15_000;

/** The bin's JSON API, called with the owner token. */
export class BinApi {
  private readonly base: string;

  constructor(
    readonly origin: string,
    readonly binId: string,
    readonly token: string,
  ) {
    this.base = `${origin}/api/bins/${encodeURIComponent(binId)}`;
  }

  getBin(): Promise<BinInfo> {
    return this.call<BinInfo>("");
  }

  /** Where the forwarder's stream is read: `GET` with the owner token. */
  streamUrl(forwarder: string, query: URLSearchParams): string {
    return `${this.base}/forwarders/${encodeURIComponent(forwarder)}/stream?${query}`;
  }

  async postReports(forwarder: string, batch: ForwarderReportBatch): Promise<void> {
    await this.call(`/forwarders/${encodeURIComponent(forwarder)}/reports`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(batch),
    });
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        ...init,
        // Answers are small JSON: compressing them costs both sides more CPU than it saves.
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}`, "Accept-Encoding": "identity" },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`Cannot reach ${this.origin}: ${causeOf(error)}.`);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) throw apiError(response.status, response.statusText, text);
    return parseJson(text) as T;
  }
}

/** The server's `{ error: { code, message } }` answer as an ApiError. */
export function apiError(status: number, statusText: string, text: string): ApiError {
  const body = parseJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === "string" ? body.error.code : "http_error";
  const message = typeof body?.error?.message === "string" ? body.error.message : `${status} ${statusText}`;
  return new ApiError(status, code, message);
}

/** Worth trying again later: the server is away or overloaded, not saying no. */
export function isTransient(error: unknown): boolean {
  if (error instanceof UnreachableError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.status === 429 || error.status === 408);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer within 15 s";
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return errorMessage(error);
}
