// The JSON API's answers as zod schemas: the one description of them. The TypeScript types
// (lib/shared/api-types.ts), the OpenAPI document (lib/server/openapi.ts) and the browser's checks of what it
// receives (lib/client/api.ts) all come from here. Objects are strict, so an answer with a field
// the contract does not list, or without one it lists, fails the contract test.
import { z } from "zod";
import { BinSettingsSchema } from "@/lib/shared/settings/settings";
import { PRESET_IDS } from "@/lib/shared/settings/sources";
import { OutboundRoleSchema } from "@/lib/shared/instance-policy";
import { FRESHNESS_RESULTS, SCHEME_IDS, SIGNATURE_RESULTS, type GenericHmacOptions } from "@/lib/shared/signature-types";

const timestamp = z.iso.datetime();
const headerPairs = z
  .array(z.tuple([z.string(), z.string()]))
  .meta({ description: "Ordered [name, value] pairs exactly as received: case, order and duplicates kept." });

export const ApiErrorSchema = z
  .strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) })
  .meta({ id: "Error", description: "Every API error." });

export const CreatedBinSchema = z
  .strictObject({
    id: z.string(),
    captureUrl: z.string(),
    inspectUrl: z.string(),
    shareUrl: z.string(),
    ownerToken: z.string().meta({ description: "Shown only here: every owner call needs it." }),
    ownerUrl: z
      .string()
      .meta({ description: "The inspector with the owner token in the fragment: opens the bin as owner in another browser, or for `hookscope forward`." }),
  })
  .meta({ id: "CreatedBin" });

export const ImportedBinSchema = CreatedBinSchema.extend({ imported: z.number().int().meta({ description: "How many requests the file held." }) }).meta({
  id: "ImportedBin",
});

export const RefusalTallySchema = z
  .strictObject({
    rateLimited: z.number().int().meta({ description: "429: over the bin's or the sender's rate limit." }),
    tooLarge: z.number().int().meta({ description: "413: body over MAX_BODY_BYTES." }),
    overloaded: z.number().int().meta({ description: "503: the server was taking more than it could store." }),
    unauthorized: z.number().int().meta({ description: "401: rejected by the bin's delivery auth (these are stored, and listed as rejected)." }),
    forbidden: z.number().int().meta({ description: "403: rejected by the bin's sender allow-list (these are stored, and listed as rejected)." }),
    lastAt: timestamp.nullable(),
  })
  .meta({ id: "RefusalTally", description: "Senders refused: not stored (rate limit, too large, overloaded), or stored and rejected by delivery auth." });

export const BinInfoSchema = z
  .strictObject({
    id: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable().meta({ description: "When the bin and its requests are removed; null: never." }),
    maxRequests: z.number().int().meta({ description: "Older requests beyond this many are pruned." }),
    requestCount: z.number().int(),
    pruned: z.number().int().meta({ description: "Requests retention removed since the bin was created (the oldest, past maxRequests)." }),
    refused: RefusalTallySchema,
    undeliveredDropped: z.number().int().meta({ description: "Captures retention removed before a forwarder or auto-forward delivered them." }),
    captureUrl: z.string(),
    role: z.enum(["owner", "operator", "viewer"]).meta({
      description:
        "What the caller may do: the owner configures and deletes the bin; an operator (a team's member) uses it: replay, test events, forwarders, deleting requests; a viewer (share link, team viewer, read key) only reads.",
    }),
    managed: z
      .boolean()
      .meta({ description: "Declared in the server's HOOKSCOPE_CONFIG file: its settings, secrets and lifetime change there, not through the API." }),
    shareUrl: z.string().optional().meta({ description: "Owner only." }),
    followsAccount: z
      .boolean()
      .optional()
      .meta({ description: "Owner only: the bin belongs to a signed-in account and opens in any browser signed in to it." }),
  })
  .meta({ id: "BinInfo" });

/** The event type of a JSON body that no provider and no owner path named. */
export const UNTYPED_EVENT = "untyped";

export const RequestSummarySchema = z
  .strictObject({
    id: z.string(),
    binId: z.string(),
    method: z.string(),
    path: z.string().meta({ description: "Subpath after the bin id, as sent." }),
    query: z.string().meta({ description: "Raw query string without '?'." }),
    contentType: z.string().nullable(),
    bodySize: z.number().int(),
    remoteAddress: z.string(),
    receivedAt: timestamp,
    sequence: z.number().int().meta({ description: "1 for the bin's first capture, 2 for the next, ..." }),
    responseStatus: z.number().int().meta({ description: "What Hookscope answered the sender; 0 when a hold rule sent no answer." }),
    responseRule: z.string().nullable().meta({ description: "Which response rule chose that answer, in words; null for the bin's configured response." }),
    verdict: z
      .enum(["valid", "invalid", "no_secret", "not_signed"])
      .meta({ description: "`signature` and `freshness` in one word: valid is a matching signature that is not stale. The reason is at /verification." }),
    signature: z.enum([...SIGNATURE_RESULTS, "pending"]).meta({
      description:
        "The signature apart from time: `matches` the bin's secret, `mismatch` (forged, altered or another secret), `no_secret` for its scheme, `not_signed`, or `unsupported` (could not be checked: unreadable header, unusable key or configuration). `pending`: stored before this field existed, being checked again.",
    }),
    freshness: z.enum([...FRESHNESS_RESULTS, "pending"]).meta({
      description:
        "The signed timestamp apart from the signature: `fresh` (within the window), `stale` (beyond it; by how much at /verification), `no_timestamp` (the scheme signs none), `window_off` (for the scheme or this secret), `not_checked` (no signature was checked).",
    }),
    replaySuspected: z.boolean().meta({
      description: "The signature matches but its timestamp is stale: a genuine delivery, late or sent again. Never set for a signature that does not match.",
    }),
    duplicateOf: z
      .string()
      .nullable()
      .meta({ description: "The first request of this bin carrying the same delivery (same delivery id, or same body and signature)." }),
    authFailure: z.string().nullable().meta({ description: "Why the bin's delivery auth failed (rejected with 401, or only flagged)." }),
    sourceFailure: z
      .string()
      .nullable()
      .meta({ description: "Why the sender's address is outside the bin's allow-list (rejected with 403, or only flagged)." }),
    plainHttp: z.boolean().meta({ description: "Arrived over plain HTTP: the socket, or `X-Forwarded-Proto` when TRUST_PROXY is set." }),
    eventType: z.string().nullable().meta({
      description:
        "The event type of a JSON body: the provider's own name where one is recognised (GitHub `pull_request.opened`, Stripe `charge.succeeded`, Shopify `orders/create`, Slack, Standard Webhooks, GitLab, Linear, Bitbucket, Paddle), else the value at the bin's `eventTypePath`, else `untyped`. Null when the body is not JSON.",
    }),
    shapeDrift: z.number().int().nullable().meta({
      description:
        "How many ways the body's shape differs from its event type's shape before it (new field, missing required field, type change, new enum value); 0: as before. Compared in the background soon after capture. Null: not compared yet (`checksPending`), or not compared at all (the first of its type, not JSON, or too large: the detail's `shapeNote` says which).",
    }),
    schemaResult: z.enum(["pass", "fail", "not_checked"]).nullable().meta({
      description:
        "Against the owner's current JSON Schema for its event type, checked in the background after capture (and again, newest first, when the schema is set or replaced): `fail` lists its failing paths in the detail's `schemaCheck`; `not_checked`: the body is over 256 KiB or not JSON (never a pass). Null: its type has no schema, the body is not JSON, or `checksPending`.",
    }),
    checksPending: z.boolean().meta({
      description:
        "The shape comparison or the check against the type's current owner schema has not run yet (they run in the background, soon after capture or a schema change; the live `requests:checked` event brings the results). Meanwhile `shapeDrift` and `schemaResult` are null and claim nothing.",
    }),
  })
  .meta({ id: "RequestSummary", description: "One line of the request list; also the payload of the live `request:new` event. Never carries the body." });

export const RequestPageSchema = z
  .strictObject({
    requests: z.array(RequestSummarySchema),
    nextBefore: z.string().nullable().meta({ description: "Pass as `before` to get the next (older) page; null when there is none." }),
  })
  .meta({ id: "RequestPage" });

export const ShapeChangeSchema = z
  .strictObject({
    path: z.string().meta({ description: "Where: `data.object.amount`, `line_items[].sku` (`[]`: any item); empty for the document itself." }),
    kind: z.enum(["added", "missing", "type", "enum"]).meta({
      description:
        "added: a field the type never had; missing: one every earlier sample had; type: a type it never had there; enum: a new value of a field with few values.",
    }),
    before: z.string().meta({ description: 'The type so far, in words ("number", "string (date-time)", "absent").' }),
    after: z.string().meta({ description: "What this request had." }),
  })
  .meta({ id: "ShapeChange" });

export const SchemaFailureSchema = z
  .strictObject({
    instancePath: z.string().meta({ description: 'JSON Pointer into the body ("/data/object/amount"); empty for the body itself.' }),
    message: z.string().meta({ description: "Ajv's words for what is wrong there." }),
  })
  .meta({ id: "SchemaFailure" });

export const SchemaCheckSchema = z
  .strictObject({
    result: z.enum(["pass", "fail", "not_checked"]),
    failures: z.array(SchemaFailureSchema).meta({ description: "The first 20 failures." }),
    failureCount: z.number().int().meta({ description: "How many failures there were in all." }),
    note: z.string().nullable().meta({ description: "Why it was not checked (`not_checked`): a body over 256 KiB, or a schema that no longer compiles." }),
    evaluated: z.enum(["capture", "read"]).meta({
      description:
        "`capture`: the verdict stored by the background check (soon after the request arrived, or by the re-check that follows a schema change). `read`: checked now, because the stored verdict is for another version or the background check has not reached it yet.",
    }),
    schemaVersion: z.number().int(),
  })
  .meta({ id: "SchemaCheck", description: "The request against the owner's current JSON Schema for its event type." });

export const RequestDetailSchema = RequestSummarySchema.extend({
  headers: headerPairs,
  httpVersion: z.string(),
  bodyBase64: z.string(),
  bodyText: z.string().nullable().meta({ description: "The body as text when it is valid UTF-8, else null." }),
  bodyOmitted: z.boolean().meta({ description: "True for bodies over 2 MiB: bodyBase64 is then empty and the bytes come from /raw (Range requests welcome)." }),
  shapeChanges: z.array(ShapeChangeSchema).meta({ description: "How the body's shape differs from its event type's shape before it (at most 50)." }),
  shapeNote: z.string().nullable().meta({ description: "Why the shape was not compared, when it was not." }),
  schemaCheck: SchemaCheckSchema.nullable().meta({ description: "Null when its event type has no owner schema (or the body is not JSON)." }),
}).meta({ id: "RequestDetail" });

export const EventShapeInfoSchema = z
  .strictObject({
    eventType: z.string(),
    samples: z.number().int().meta({ description: "JSON requests of this type the shape was learnt from." }),
    fields: z.number().int().meta({ description: "Fields the shape tracks, at every depth." }),
    changes: z.number().int().meta({ description: "Shape changes recorded (first occurrences, the newest 200 kept)." }),
    firstSeenAt: timestamp,
    lastSeenAt: timestamp,
  })
  .meta({ id: "EventShapeInfo" });

export const OwnerSchemaInfoSchema = z
  .strictObject({
    eventType: z.string(),
    version: z.number().int().meta({ description: "1 for the first upload, one more each time it was replaced." }),
    draft: z.enum(["2020-12", "draft-07"]),
    updatedAt: timestamp,
  })
  .meta({ id: "OwnerSchemaInfo" });

export const OwnerSchemaSchema = OwnerSchemaInfoSchema.extend({
  schema: z.string().meta({ description: "The JSON Schema as uploaded." }),
  createdAt: timestamp,
}).meta({ id: "OwnerSchema", description: "A JSON Schema the bin's owner supplied for one event type." });

export const EventShapeListSchema = z
  .strictObject({
    shapes: z.array(EventShapeInfoSchema),
    schemas: z.array(OwnerSchemaInfoSchema).meta({ description: "The owner's JSON Schemas, by event type (also for types not seen yet)." }),
  })
  .meta({ id: "EventShapeList" });

export const ShapeChangeSeenSchema = ShapeChangeSchema.extend({
  eventType: z.string(),
  requestId: z.string().meta({ description: "The first request that had this change (it may since have been pruned)." }),
  receivedAt: timestamp,
}).meta({ id: "ShapeChangeSeen" });

export const ShapeChangeListSchema = z
  .strictObject({ changes: z.array(ShapeChangeSeenSchema).meta({ description: "Newest first." }) })
  .meta({ id: "ShapeChangeList" });

export const ShapeExportSchema = z
  .strictObject({
    eventType: z.string(),
    format: z.enum(["json-schema", "typescript", "zod"]),
    fileName: z.string(),
    mediaType: z.string(),
    content: z.string().meta({ description: "The file's text: a JSON Schema 2020-12 document, a TypeScript type, or a zod 4 schema module." }),
  })
  .meta({ id: "ShapeExport" });

const errorInfo = z.strictObject({ code: z.string(), message: z.string() });

export const DeliveryAttemptSchema = z
  .strictObject({
    number: z.number().int(),
    startedAt: timestamp,
    durationMs: z.number(),
    outcome: z.enum(["succeeded", "http_error", "network_error", "blocked"]),
    status: z.number().int().nullable(),
    responseHeaders: headerPairs.nullable(),
    responseBodyBase64: z.string().nullable(),
    responseBodyText: z.string().nullable(),
    responseTruncated: z.boolean(),
    error: errorInfo.nullable(),
  })
  .meta({ id: "DeliveryAttempt", description: "One try at sending a delivery, as shown in its log." });

export const ResignSummarySchema = z
  .strictObject({
    scheme: z.string(),
    replaced: z.array(z.string()).meta({ description: "Header names whose values re-signing replaced." }),
    added: z.array(z.string()).meta({ description: "Header names re-signing added." }),
    bodyChanged: z.boolean().meta({ description: "The scheme signs a value inside the body (Linear's webhookTimestamp, Mailgun's block)." }),
    urlChanged: z.boolean().meta({ description: "The scheme signs a value in the URL (Twilio's bodySHA256)." }),
    note: z.string().optional(),
  })
  .meta({ id: "ResignSummary", description: "What re-signing changed before sending: names only, never a value or the secret." });

export const DeliverySummarySchema = z
  .strictObject({
    id: z.string(),
    binId: z.string(),
    requestId: z.string(),
    kind: z.enum(["replay", "forward", "cli"]),
    targetUrl: z.string(),
    status: z
      .enum(["pending", "sending", "succeeded", "dead"])
      .meta({ description: "pending: waiting for its next attempt; sending: in flight; succeeded; dead: gave up." }),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    nextAttemptAt: timestamp.nullable(),
    lastError: z.string().nullable(),
    resigned: ResignSummarySchema.nullable().meta({ description: "Null when the request was sent with its captured signature." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "DeliverySummary", description: "A replay, an auto-forward or a CLI delivery of one captured request." });

export const DeliveryDetailSchema = DeliverySummarySchema.extend({ method: z.string(), attemptLog: z.array(DeliveryAttemptSchema) }).meta({ id: "Delivery" });

export const DeliveryListSchema = z.strictObject({ deliveries: z.array(DeliveryDetailSchema) }).meta({ id: "DeliveryList" });

export const TestEventResultSchema = z
  .strictObject({
    request: RequestSummarySchema.meta({ description: "The event as the bin captured it, with its verdict." }),
    signed: ResignSummarySchema,
    delivery: DeliveryDetailSchema.nullable().meta({ description: "The replay to targetUrl; null when the event went to the bin only." }),
  })
  .meta({ id: "TestEventResult" });

export const ForwarderInfoSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    cursor: z.number().int().meta({ description: "Every capture up to this sequence is delivered." }),
    backlog: z.number().int().meta({ description: "Stored captures after the cursor: what it has yet to deliver." }),
    connected: z.boolean().meta({ description: "A CLI holds its stream now." }),
    responding: z.boolean().meta({ description: "Senders wait for its local app's answer (--respond)." }),
    lastSeenAt: timestamp,
    createdAt: timestamp,
    dropped: z.number().int().meta({ description: "Captures retention removed before it delivered them (only past FORWARD_BACKLOG_MAX)." }),
    droppedAt: timestamp.nullable(),
  })
  .meta({ id: "Forwarder", description: "A named `hookscope forward` consumer of the bin and where it stands." });

export const ForwarderListSchema = z
  .strictObject({
    forwarders: z.array(ForwarderInfoSchema),
    undeliveredDropped: z
      .strictObject({ count: z.number().int(), at: timestamp.nullable() })
      .meta({ description: "Captures of the bin retention removed before every forwarder had delivered them." }),
  })
  .meta({ id: "ForwarderList" });

export const ReportsResultSchema = z
  .strictObject({ stored: z.number().int().meta({ description: "Reports stored now; a key already stored counts nothing." }), cursor: z.number().int() })
  .meta({ id: "ReportsResult" });

export const VerdictDetailsSchema = z
  .strictObject({
    header: z.string().optional(),
    signedPayloadPreview: z.string().optional(),
    expected: z.string().optional().meta({ description: "The start of the signature Hookscope computed: owner only." }),
    received: z.string().optional(),
    timestampAgeSeconds: z.number().optional(),
    toleranceSeconds: z.number().optional(),
    staleBySeconds: z.number().optional(),
    replaySuspected: z.boolean().optional(),
    signedUrl: z.string().optional(),
    signedUrlSource: z.enum(["configured", "rebuilt"]).optional(),
    hints: z.array(z.string()).optional(),
  })
  .meta({ id: "VerdictDetails" });

export const VerificationSchema = z
  .strictObject({
    status: z.enum(["valid", "invalid", "no_secret", "not_signed"]),
    signature: z.enum(SIGNATURE_RESULTS),
    freshness: z.enum(FRESHNESS_RESULTS),
    scheme: z.string().nullable(),
    reason: z.string(),
    details: VerdictDetailsSchema.optional(),
    duplicateOf: z.string().nullable(),
    authFailure: z.string().nullable(),
    sourceFailure: z.string().nullable(),
    plainHttp: z.boolean(),
  })
  .meta({ id: "Verification" });

/** As stored, after the input checks of lib/server/signatures/config.ts; the type below keeps the two in step. */
const GenericHmacOptionsSchema = z
  .strictObject({
    algorithm: z.enum(["sha1", "sha256", "sha512"]),
    header: z.string(),
    prefix: z.string(),
    encoding: z.enum(["hex", "base64"]),
    template: z.string(),
    timestampHeader: z.string().optional(),
    idHeader: z.string().optional(),
    secretEncoding: z.enum(["utf8", "base64", "hex"]),
    toleranceSeconds: z.number().int().optional(),
  })
  .meta({ id: "GenericHmacOptions" });
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const optionsMatchTheVerifier: Same<z.infer<typeof GenericHmacOptionsSchema>, GenericHmacOptions> = true;
void optionsMatchTheVerifier;

export const MaskedSecretSchema = z
  .strictObject({
    id: z.string(),
    scheme: z.string(),
    masked: z.string().meta({ description: "Enough to recognise the secret, never enough to use it." }),
    toleranceSeconds: z.number().int().optional(),
    options: GenericHmacOptionsSchema.optional().meta({ description: "The generic HMAC options, as configured." }),
    signedUrl: z.string().optional(),
  })
  .meta({ id: "MaskedSecret" });

export const SecretListSchema = z.strictObject({ secrets: z.array(MaskedSecretSchema) }).meta({ id: "SecretList" });

export const SignatureSchemeSchema = z
  .strictObject({
    id: z.enum(SCHEME_IDS),
    name: z.string(),
    secret: z.strictObject({ label: z.string(), example: z.string(), kind: z.enum(["shared-secret", "token", "public-key"]) }),
    headers: z.array(z.string()),
    signatureHeaders: z.array(z.string()),
    window: z.string().nullable(),
    signsUrl: z.boolean(),
  })
  .meta({ id: "SignatureScheme" });

export const SignatureSchemeListSchema = z.array(SignatureSchemeSchema).meta({ id: "SignatureSchemeList" });

export const SenderPresetCatalogueSchema = z
  .strictObject({
    checked: z.iso.date().meta({ description: "When the shipped ranges were last checked against their source." }),
    presets: z.array(z.strictObject({ id: z.enum(PRESET_IDS), name: z.string(), source: z.string(), ranges: z.array(z.string()) })),
  })
  .meta({ id: "SenderPresetCatalogue" });

export const TimelineSchema = z
  .strictObject({ from: timestamp, to: timestamp, bucketMs: z.number().int(), counts: z.array(z.number().int()) })
  .meta({ id: "Timeline" });

export const MeSchema = z
  .strictObject({
    signIn: z.strictObject({
      enabled: z.boolean().meta({ description: "An OpenID Connect provider is configured on this server." }),
      required: z.boolean().meta({ description: "AUTH_REQUIRED: creating and reading bins needs sign-in." }),
    }),
    user: z
      .strictObject({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), isAdmin: z.boolean() })
      .nullable()
      .meta({ description: "Who this browser is signed in as; null when signed out." }),
  })
  .meta({ id: "Me" });

export const AccountBinSchema = z
  .strictObject({
    id: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    captureUrl: z.string(),
    inspectUrl: z.string(),
    team: z.strictObject({ id: z.string(), name: z.string() }).nullable().meta({ description: "The team the bin belongs to; null for the account's own." }),
  })
  .meta({ id: "AccountBin" });

export const AccountBinListSchema = z.strictObject({ bins: z.array(AccountBinSchema) }).meta({ id: "AccountBinList", description: "Newest first." });

export const AdminBinListSchema = z
  .strictObject({
    bins: z.array(
      AccountBinSchema.extend({ owner: z.string().meta({ description: "Whom the bin belongs to: an account's email, a team, or its owner token only." }) }),
    ),
  })
  .meta({ id: "AdminBinList", description: "Every bin on the instance, newest first (up to 1,000)." });

export const SignOutResultSchema = z
  .strictObject({ ended: z.number().int().meta({ description: "Sessions ended: this browser's, or every one of the account's." }) })
  .meta({ id: "SignOutResult" });

export const ApiKeyInfoSchema = z
  .strictObject({
    id: z.string().meta({ description: "The key's public part: `hsk_<id>_...`." }),
    name: z.string(),
    scope: z.enum(["read", "write"]).meta({ description: "read: a viewer's rights on the account's bins; write: the owner's." }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable().meta({ description: "To the minute." }),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "ApiKeyInfo" });

export const ApiKeyListSchema = z
  .strictObject({ keys: z.array(ApiKeyInfoSchema) })
  .meta({ id: "ApiKeyList", description: "Newest first; the keys themselves are never shown again." });

export const CreatedApiKeySchema = ApiKeyInfoSchema.extend({
  key: z.string().meta({ description: "Shown only here: `Authorization: Bearer <key>`. Only its SHA-256 is stored." }),
}).meta({ id: "CreatedApiKey" });

const TeamRoleOutput = z
  .enum(["owner", "member", "viewer"])
  .meta({ description: "owner: manages the team; member: uses and changes its bins; viewer: reads them." });

export const TeamSummarySchema = z.strictObject({ id: z.string(), name: z.string(), role: TeamRoleOutput }).meta({ id: "TeamSummary" });

export const TeamListSchema = z.strictObject({ teams: z.array(TeamSummarySchema) }).meta({ id: "TeamList" });

export const TeamDetailSchema = TeamSummarySchema.extend({
  members: z.array(z.strictObject({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable(), role: TeamRoleOutput })),
}).meta({ id: "TeamDetail" });

export const CreatedInviteSchema = z
  .strictObject({ url: z.string().meta({ description: "Single use; the token is in the fragment." }), role: TeamRoleOutput, expiresAt: timestamp })
  .meta({ id: "CreatedInvite" });

export const JoinedTeamSchema = TeamSummarySchema.meta({ id: "JoinedTeam" });

export const AuditListSchema = z
  .strictObject({
    entries: z.array(
      z.strictObject({
        at: timestamp,
        actor: z.string().meta({ description: "An account's email, an API key's name and account, or the owner token." }),
        action: z.string().meta({
          description:
            "e.g. settings.changed, secret.added, secret.removed, share.rotated, bin.claimed, schema.set, team.invited, team.joined, member.role, member.removed.",
        }),
        detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
      }),
    ),
  })
  .meta({ id: "AuditList", description: "Newest first, the last 200 changes. Never a secret's value." });

export const InstancePolicySchema = z
  .strictObject({
    privateTargetRoles: z.array(OutboundRoleSchema).meta({
      description:
        "Roles whose replays and auto-forwards may reach private addresses (loopback, LAN, link-local) when the operator opens them. Admins always may.",
    }),
    operatorAllowsPrivate: z.boolean().meta({ description: "ALLOW_PRIVATE_TARGETS: without it, no role reaches private addresses." }),
    allowListEntries: z.number().int().meta({ description: "How many OUTBOUND_ALLOW_LIST entries the operator set; they follow the same roles." }),
    updatedAt: timestamp.nullable().meta({ description: "null: never changed, the defaults apply." }),
  })
  .meta({ id: "InstancePolicy" });

export const HealthSchema = z.strictObject({ status: z.literal("ok") }).meta({ id: "Health" });

export const BinSettingsOutputSchema = BinSettingsSchema;

/** Every schema the OpenAPI document lists under components, by its id. */
export const CONTRACT_SCHEMAS = [
  ApiErrorSchema,
  CreatedBinSchema,
  ImportedBinSchema,
  RefusalTallySchema,
  BinInfoSchema,
  RequestSummarySchema,
  RequestPageSchema,
  SchemaFailureSchema,
  SchemaCheckSchema,
  RequestDetailSchema,
  ShapeChangeSchema,
  EventShapeInfoSchema,
  OwnerSchemaInfoSchema,
  OwnerSchemaSchema,
  EventShapeListSchema,
  ShapeChangeSeenSchema,
  ShapeChangeListSchema,
  ShapeExportSchema,
  DeliveryAttemptSchema,
  ResignSummarySchema,
  DeliverySummarySchema,
  DeliveryDetailSchema,
  DeliveryListSchema,
  TestEventResultSchema,
  ForwarderInfoSchema,
  ForwarderListSchema,
  ReportsResultSchema,
  VerdictDetailsSchema,
  VerificationSchema,
  GenericHmacOptionsSchema,
  MaskedSecretSchema,
  SecretListSchema,
  SignatureSchemeSchema,
  SignatureSchemeListSchema,
  SenderPresetCatalogueSchema,
  TimelineSchema,
  MeSchema,
  AccountBinSchema,
  AccountBinListSchema,
  AdminBinListSchema,
  SignOutResultSchema,
  ApiKeyInfoSchema,
  ApiKeyListSchema,
  CreatedApiKeySchema,
  TeamSummarySchema,
  TeamListSchema,
  TeamDetailSchema,
  CreatedInviteSchema,
  JoinedTeamSchema,
  AuditListSchema,
  InstancePolicySchema,
  HealthSchema,
] as const;
