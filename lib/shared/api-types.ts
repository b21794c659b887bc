// Shapes of the JSON API and socket events, shared by the server and the browser. The HTTP answers
// are inferred from their schemas in lib/shared/contract.ts; socket events and stream frames are here.
import type { z } from "zod";
import type {
  AuditListSchema,
  InstancePolicySchema,
  CreatedInviteSchema,
  JoinedTeamSchema,
  TeamDetailSchema,
  TeamListSchema,
  ApiKeyInfoSchema,
  ApiKeyListSchema,
  CreatedApiKeySchema,
  AccountBinListSchema,
  AccountBinSchema,
  AdminBinListSchema,
  ApiErrorSchema,
  MeSchema,
  SignOutResultSchema,
  BinInfoSchema,
  CreatedBinSchema,
  DeliveryAttemptSchema,
  DeliveryDetailSchema,
  DeliveryListSchema,
  DeliverySummarySchema,
  EventShapeInfoSchema,
  EventShapeListSchema,
  OwnerSchemaSchema,
  ResignSummarySchema,
  TestEventResultSchema,
  ForwarderInfoSchema,
  ForwarderListSchema,
  ImportedBinSchema,
  MaskedSecretSchema,
  RefusalTallySchema,
  ReportsResultSchema,
  RequestDetailSchema,
  RequestPageSchema,
  RequestSummarySchema,
  SchemaCheckSchema,
  SenderPresetCatalogueSchema,
  ShapeChangeListSchema,
  ShapeChangeSeenSchema,
  ShapeExportSchema,
  SignatureSchemeSchema,
  TimelineSchema,
  VerificationSchema,
} from "@/lib/shared/contract";

export type CreatedBin = z.infer<typeof CreatedBinSchema>;
export type Me = z.infer<typeof MeSchema>;
export type AccountBin = z.infer<typeof AccountBinSchema>;
export type AccountBinList = z.infer<typeof AccountBinListSchema>;
export type AdminBinList = z.infer<typeof AdminBinListSchema>;
export type SignOutResult = z.infer<typeof SignOutResultSchema>;
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;
export type TeamList = z.infer<typeof TeamListSchema>;
export type TeamDetail = z.infer<typeof TeamDetailSchema>;
export type CreatedInvite = z.infer<typeof CreatedInviteSchema>;
export type JoinedTeam = z.infer<typeof JoinedTeamSchema>;
export type AuditList = z.infer<typeof AuditListSchema>;
export type InstancePolicy = z.infer<typeof InstancePolicySchema>;
export type EventShapeInfo = z.infer<typeof EventShapeInfoSchema>;
export type EventShapeList = z.infer<typeof EventShapeListSchema>;
export type ShapeChangeSeen = z.infer<typeof ShapeChangeSeenSchema>;
export type ShapeChangeList = z.infer<typeof ShapeChangeListSchema>;
export type ShapeExport = z.infer<typeof ShapeExportSchema>;
/** One request's flags once the background learner has compared its shape and checked it against its type's schema. */
export type CheckedRequest = Pick<RequestSummary, "id" | "shapeDrift" | "schemaResult">;
export type OwnerSchema = z.infer<typeof OwnerSchemaSchema>;
export type SchemaCheck = z.infer<typeof SchemaCheckSchema>;
export type ImportedBin = z.infer<typeof ImportedBinSchema>;
export type BinInfo = z.infer<typeof BinInfoSchema>;
export type RefusalTally = z.infer<typeof RefusalTallySchema>;
export type RequestSummary = z.infer<typeof RequestSummarySchema>;
export type RequestPage = z.infer<typeof RequestPageSchema>;
export type RequestDetail = z.infer<typeof RequestDetailSchema>;
export type ApiError = z.infer<typeof ApiErrorSchema>;
export type DeliveryAttemptInfo = z.infer<typeof DeliveryAttemptSchema>;
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;
export type ResignSummaryInfo = z.infer<typeof ResignSummarySchema>;
export type TestEventResult = z.infer<typeof TestEventResultSchema>;
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;
export type DeliveryList = z.infer<typeof DeliveryListSchema>;
export type ForwarderInfo = z.infer<typeof ForwarderInfoSchema>;
export type ForwarderList = z.infer<typeof ForwarderListSchema>;
export type ReportsResult = z.infer<typeof ReportsResultSchema>;
export type Verification = z.infer<typeof VerificationSchema>;
export type MaskedSecret = z.infer<typeof MaskedSecretSchema>;
export type SignatureSchemeInfo = z.infer<typeof SignatureSchemeSchema>;
export type SenderPresetCatalogue = z.infer<typeof SenderPresetCatalogueSchema>;
export type Timeline = z.infer<typeof TimelineSchema>;

export interface JoinBinRequest {
  binId: string;
  /** The owner or share token; without it the connection's signed-in session decides. */
  token?: string;
  /** Id of the newest request the client already has; the ack returns everything after it. */
  after?: string | null;
}

export type JoinBinAck =
  | { ok: true; missed: RequestSummary[]; /** true when more were missed than returned: reload the list */ truncated: boolean }
  | { ok: false; error: { code: string; message: string } };

export interface ServerToClientEvents {
  "request:new": (summary: RequestSummary) => void;
  "request:deleted": (payload: { binId: string; requestId: string }) => void;
  "bin:cleared": (payload: { binId: string }) => void;
  "bin:deleted": (payload: { binId: string }) => void;
  /** The bin's secrets changed and every stored request was checked again: reload verdicts. */
  "bin:verdicts-changed": (payload: { binId: string }) => void;
  /** The owner set, replaced or removed an event type's schema: re-read the verdicts (list flags, an open detail). */
  "bin:schema-changed": (payload: { binId: string; eventType: string; removed: boolean }) => void;
  /** The background learner compared these requests' shapes and checked them against their types' schemas: they are no longer pending. */
  "requests:checked": (payload: { binId: string; requests: CheckedRequest[] }) => void;
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
export type ForwarderAnswer = { ok: true; status: number; headers: [string, string][]; bodyBase64: string } | { ok: false; code: string; message: string };

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
  /** When the CLI signed the request again before sending it (`--resign-with-env`): what changed, never the secret. */
  resigned?: ResignSummaryInfo;
}

export interface ForwarderReportBatch {
  /** Every capture up to this sequence is delivered: the forwarder resumes after it. */
  cursor: number | null;
  reports: ForwarderReport[];
}
