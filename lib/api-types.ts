// Shapes of the JSON API and socket events, shared by the server and the browser.

/** `POST /api/bins` → 201 */
export interface CreatedBin {
  id: string;
  captureUrl: string;
  inspectUrl: string;
  shareUrl: string;
  ownerToken: string;
  /** The inspector with the owner token in the fragment: opens the bin as owner in another browser, or for `hookscope forward`. */
  ownerUrl: string;
}

/** `GET /api/bins/<binId>` */
export interface BinInfo {
  id: string;
  createdAt: string;
  /** When the bin and its requests are removed; null: never. */
  expiresAt: string | null;
  /** Older requests beyond this many are pruned. */
  maxRequests: number;
  requestCount: number;
  captureUrl: string;
  /** What the caller's token allows: the owner may delete; a share-link viewer only reads. */
  role: "owner" | "viewer";
  /** Present for the owner only. */
  shareUrl?: string;
}

/** One line of the request list; also the payload of the live `request:new` event. Never carries the body. */
export interface RequestSummary {
  id: string;
  binId: string;
  method: string;
  path: string;
  query: string;
  contentType: string | null;
  bodySize: number;
  remoteAddress: string;
  /** ISO 8601 with milliseconds. */
  receivedAt: string;
  /** 1 for the bin's first capture, 2 for the next, ... */
  sequence: number;
  /** What Hookscope answered the sender; 0 when a hold rule sent no answer. */
  responseStatus: number;
  /** Which response rule chose that answer, in words; null for the bin's configured response. */
  responseRule: string | null;
  /** Signature check at capture, re-run when the bin's secrets change. */
  verdict: "valid" | "invalid" | "no_secret" | "not_signed";
  /** The signature's timestamp was outside the scheme's window. */
  replaySuspected: boolean;
  /** The first request of this bin carrying the same delivery (same delivery id, or same body and signature). */
  duplicateOf: string | null;
  /** Why the bin's delivery-auth check failed (the request was rejected with 401, or only flagged). */
  authFailure: string | null;
}

/** `GET /api/bins/<binId>/requests?limit=&before=&after=` */
export interface RequestPage {
  requests: RequestSummary[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextBefore: string | null;
}

/** `GET /api/bins/<binId>/requests/<requestId>` */
export interface RequestDetail extends RequestSummary {
  /** Ordered `[name, value]` pairs exactly as received (case, order and duplicates kept). */
  headers: [string, string][];
  httpVersion: string;
  bodyBase64: string;
  /** The body as text when it is valid UTF-8, else null. */
  bodyText: string | null;
  /** True for bodies over 2 MiB: bodyBase64 is then "" and the bytes come from /raw (Range requests welcome). */
  bodyOmitted: boolean;
}

/** Every API error: `{ error: { code, message } }`. */
export interface ApiError {
  error: { code: string; message: string };
}

export interface JoinBinRequest {
  binId: string;
  token: string;
  /** Id of the newest request the client already has; the ack returns everything after it. */
  after?: string | null;
}

export type JoinBinAck =
  | { ok: true; missed: RequestSummary[]; /** true when more were missed than returned: reload the list */ truncated: boolean }
  | { ok: false; error: { code: string; message: string } };

/** One try at sending a delivery, as shown in its log. */
export interface DeliveryAttemptInfo {
  number: number;
  startedAt: string;
  durationMs: number;
  outcome: "succeeded" | "http_error" | "network_error" | "blocked";
  status: number | null;
  /** Ordered [name, value] pairs of the target's answer. */
  responseHeaders: [string, string][] | null;
  responseBodyBase64: string | null;
  responseBodyText: string | null;
  responseTruncated: boolean;
  error: { code: string; message: string } | null;
}

/** A replay, an auto-forward or a CLI delivery of one captured request. */
export interface DeliverySummary {
  id: string;
  binId: string;
  requestId: string;
  kind: "replay" | "forward" | "cli";
  targetUrl: string;
  /** pending: waiting for its next attempt; sending: in flight; succeeded; dead: gave up. */
  status: "pending" | "sending" | "succeeded" | "dead";
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryDetail extends DeliverySummary {
  method: string;
  attemptLog: DeliveryAttemptInfo[];
}

export interface ServerToClientEvents {
  "request:new": (summary: RequestSummary) => void;
  "request:deleted": (payload: { binId: string; requestId: string }) => void;
  "bin:cleared": (payload: { binId: string }) => void;
  "bin:deleted": (payload: { binId: string }) => void;
  /** The bin's secrets changed and every stored request was checked again: reload verdicts. */
  "bin:verdicts-changed": (payload: { binId: string }) => void;
  /** Sent to share-link viewers when the owner rotates the link: their token no longer works. */
  "bin:access-revoked": (payload: { binId: string }) => void;
  /** Owners only: the state of a replay, forward or CLI delivery changed. */
  "delivery:updated": (delivery: DeliverySummary) => void;
}

export interface ClientToServerEvents {
  "bin:join": (request: JoinBinRequest, ack: (result: JoinBinAck) => void) => void;
  "bin:leave": (payload: { binId: string }) => void;
}
