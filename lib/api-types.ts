import type { FreshnessResult, SignatureResult } from "@/lib/signatures/types";
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
  /** Requests retention removed since the bin was created (the oldest, past maxRequests). */
  pruned: number;
  /** Requests the sender was refused: not stored (rate limit, too large, overloaded), or stored and rejected by delivery auth. */
  refused: RefusalTally;
  /** Captures retention removed before a forwarder or auto-forward delivered them. */
  undeliveredDropped: number;
  captureUrl: string;
  /** What the caller's token allows: the owner may delete; a share-link viewer only reads. */
  role: "owner" | "viewer";
  /** Present for the owner only. */
  shareUrl?: string;
}

export interface RefusalTally {
  /** 429: over the bin's or the sender's rate limit. */
  rateLimited: number;
  /** 413: body over MAX_BODY_BYTES. */
  tooLarge: number;
  /** 503: the server was taking more than it could store. */
  overloaded: number;
  /** 401: rejected by the bin's delivery auth (these are stored, and listed as rejected). */
  unauthorized: number;
  lastAt: string | null;
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
  /** Signature check at capture, re-run when the bin's secrets change: both dimensions below in one word (valid = matches and not stale). */
  verdict: "valid" | "invalid" | "no_secret" | "not_signed";
  /** The signature apart from time ("pending": stored before this field existed, being checked again). */
  signature: SignatureResult | "pending";
  /** The signed timestamp apart from the signature. */
  freshness: FreshnessResult | "pending";
  /** The signature matches but its timestamp is stale: a genuine delivery, late or sent again (never set for a forgery). */
  replaySuspected: boolean;
  /** The first request of this bin carrying the same delivery (same delivery id, or same body and signature). */
  duplicateOf: string | null;
  /** Why the bin's delivery-auth check failed (the request was rejected with 401, or only flagged). */
  authFailure: string | null;
  /** Why the sender's address is outside the bin's allow-list (rejected with 403, or only flagged). */
  sourceFailure: string | null;
  /** Arrived over plain HTTP: the socket, or X-Forwarded-Proto when TRUST_PROXY is set. */
  plainHttp: boolean;
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
  /** Refusals or retention changed the bin's counts (GET /api/bins/<binId> has them). */
  "bin:tally-changed": (payload: { binId: string }) => void;
  /** Sent to share-link viewers when the owner rotates the link: their token no longer works. */
  "bin:access-revoked": (payload: { binId: string }) => void;
  /** Owners only: the state of a replay, forward or CLI delivery changed. */
  "delivery:updated": (delivery: DeliverySummary) => void;
  /** Owners only: a forwarder connected, went away or was forgotten, or retention dropped captures it had not delivered. */
  "forwarders:changed": (payload: { binId: string }) => void;
}

export interface ClientToServerEvents {
  "bin:join": (request: JoinBinRequest, ack: (result: JoinBinAck) => void) => void;
  "bin:leave": (payload: { binId: string }) => void;
}

/** Edits to a captured request before it is sent again; what is not given is sent as captured. */
export interface ReplayEdits {
  method?: string;
  headers?: [string, string][];
  bodyBase64?: string;
}

/** What a forwarder's local target answered (or why it could not be reached), relayed to whoever waits for it. */
export type ForwarderAnswer =
  | { ok: true; status: number; headers: [string, string][]; bodyBase64: string }
  | { ok: false; code: string; message: string };

/**
 * `GET /api/bins/<binId>/forwarders/<name>/stream`: a long-lived response of frames, each one line of
 * JSON (the meta) followed by exactly `size` raw bytes (the body of a request frame; 0 otherwise).
 */
export type StreamFrame =
  | {
      t: "hello";
      forwarderId: string;
      name: string;
      /** Everything up to this sequence was delivered before; the stream resumes after it. */
      cursor: number;
      /** The bin's newest capture sequence when the stream opened. */
      newest: number;
      /** Captures retention removed before this forwarder delivered them, since it was created. */
      dropped: number;
      droppedAt: string | null;
      size: 0;
    }
  | {
      t: "request";
      /** capture: the next capture in order (moves the cursor); replay: --replay-last; push: sent from the inspector. */
      kind: "capture" | "replay" | "push";
      /** Report the delivery under this key: the same key is stored once. */
      key: string;
      sequence: number;
      id: string;
      method: string;
      path: string;
      query: string;
      headers: [string, string][];
      receivedAt: string;
      /** Someone waits for the local answer (the original sender, or the inspector): report it at once. */
      answer: boolean;
      size: number;
    }
  | { t: "dropped"; count: number; total: number; size: 0 }
  | { t: "ping"; size: 0 }
  | { t: "end"; reason: "replaced" | "bin_deleted" | "forwarder_deleted" | "shutdown"; message: string; size: 0 };

/** One delivery in `POST /api/bins/<binId>/forwarders/<name>/reports`. */
export interface ForwarderReport {
  key: string;
  requestId: string;
  kind: "capture" | "replay" | "push";
  targetUrl: string;
  /** The local target's status, or null with an error when it could not be reached. */
  status: number | null;
  durationMs: number;
  error: { code: string; message: string } | null;
  /** Only for frames that asked for the answer: what the target sent back. */
  response?: { headers: [string, string][]; bodyBase64: string } | null;
}

export interface ForwarderReportBatch {
  /** Every capture up to this sequence is delivered: the forwarder resumes after it. */
  cursor: number | null;
  reports: ForwarderReport[];
}

/** `GET /api/bins/<binId>/forwarders`: owners only. */
export interface ForwarderInfo {
  id: string;
  name: string;
  cursor: number;
  /** Captures of the bin after the cursor still stored: what it has yet to deliver. */
  backlog: number;
  connected: boolean;
  /** Whether a capture waits for this forwarder's local answer (`--respond`). */
  responding: boolean;
  lastSeenAt: string;
  createdAt: string;
  dropped: number;
  droppedAt: string | null;
}
