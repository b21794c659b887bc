import type { BinInfo, RequestDetail, RequestPage, RequestSummary } from "@/lib/api-types";

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

export interface CliReport {
  targetUrl: string;
  status: number | null;
  durationMs: number;
  error: { code: string; message: string } | null;
}

const PAGE_SIZE = 200;
// A hung server must not stall the delivery loop forever; the caller retries.
const CALL_TIMEOUT_MS = 15_000;

/** The bin's JSON API, called with the owner token. */
export class BinApi {
  private readonly base: string;

  constructor(
    readonly origin: string,
    readonly binId: string,
    private readonly token: string,
  ) {
    this.base = `${origin}/api/bins/${encodeURIComponent(binId)}`;
  }

  getBin(): Promise<BinInfo> {
    return this.call<BinInfo>("");
  }

  getRequest(requestId: string): Promise<RequestDetail> {
    return this.call<RequestDetail>(`/requests/${encodeURIComponent(requestId)}`);
  }

  async reportDelivery(requestId: string, report: CliReport): Promise<void> {
    await this.call(`/requests/${encodeURIComponent(requestId)}/deliveries`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(report),
    });
  }

  /** The newest `count` requests, oldest first. */
  async latest(count: number): Promise<RequestSummary[]> {
    return (await this.pages({}, count)).reverse();
  }

  /** Every request newer than `after`, oldest first. */
  async newerThan(after: string): Promise<RequestSummary[]> {
    return (await this.pages({ after }, Infinity)).reverse();
  }

  // Pages are newest first; `nextBefore` walks towards older ones.
  private async pages(filter: { after?: string }, count: number): Promise<RequestSummary[]> {
    const out: RequestSummary[] = [];
    let before: string | null = null;
    while (out.length < count) {
      const query = new URLSearchParams({ limit: String(Math.min(PAGE_SIZE, count - out.length)) });
      if (filter.after) query.set("after", filter.after);
      if (before) query.set("before", before);
      const page: RequestPage = await this.call<RequestPage>(`/requests?${query}`);
      out.push(...page.requests);
      if (page.nextBefore === null || page.requests.length === 0) break;
      before = page.nextBefore;
    }
    return out;
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`Cannot reach ${this.origin}: ${causeOf(error)}.`);
    }
    const text = await response.text().catch(() => "");
    if (!response.ok) {
      const body = parseJson(text) as { error?: { code?: unknown; message?: unknown } } | undefined;
      const code = typeof body?.error?.code === "string" ? body.error.code : "http_error";
      const message = typeof body?.error?.message === "string" ? body.error.message : `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, code, message);
    }
    return parseJson(text) as T;
  }
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
  return error instanceof Error ? error.message : String(error);
}
