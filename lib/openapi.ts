import { z } from "zod";
import { RequestFilterSchema } from "@/lib/requests/filter";
import { BinSettingsSchema } from "@/lib/bins/settings";
import { CreateBinSchema, UpdateBinSchema } from "@/lib/services/bins";
import { CliReportSchema, ReplaySchema } from "@/lib/services/deliveries";
import { FORWARDER_NAME, PushSchema } from "@/lib/services/forwarders";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: Json): Json => ({ "application/json": { schema } });
const reply = (description: string, schema?: Json): Json => (schema ? { description, content: jsonContent(schema) } : { description });
const error = (description: string): Json => reply(description, ref("Error"));
const toSchema = (schema: z.ZodType, io: "input" | "output" = "output"): Json => z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;

const binIdParam = { name: "binId", in: "path", required: true, schema: { type: "string" }, description: "The bin's id or name." };
const deliveryIdParam = { name: "deliveryId", in: "path", required: true, schema: { type: "string" } };
const forwarderNameParam = { name: "name", in: "path", required: true, schema: { type: "string", pattern: FORWARDER_NAME.source }, description: "The forwarder's name (`hookscope forward --name`)." };
const requestIdParam = { name: "requestId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-z]{22}$" } };
const secured = [{ bearer: [] }];
const notFound = error("Unknown bin, or a missing or wrong token (they answer alike).");
const ownerOnly = error("The share token may only read.");

const summaryProperties: Json = {
  id: { type: "string" },
  binId: { type: "string" },
  method: { type: "string" },
  path: { type: "string", description: "Subpath after the bin id, as sent." },
  query: { type: "string", description: "Raw query string without '?'." },
  contentType: { type: ["string", "null"] },
  bodySize: { type: "integer" },
  remoteAddress: { type: "string" },
  receivedAt: { type: "string", format: "date-time" },
  sequence: { type: "integer" },
  responseStatus: { type: "integer", description: "0 when a hold rule sent no answer." },
  responseRule: { type: ["string", "null"] },
};

const filterParameters = Object.entries((toSchema(RequestFilterSchema, "input").properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
  name,
  in: "query",
  required: false,
  schema,
}));

/** The OpenAPI 3.1 description of every HTTP route; tests/unit/openapi.test.ts keeps it in step with app/api. */
export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Hookscope API",
      version: "1",
      description: "Capture webhooks byte-exact, read them back, shape the answers senders get, and wait for them from tests.",
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The bin's owner token, or the share token (read-only)." } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
        },
        CreatedBin: {
          type: "object",
          properties: { id: { type: "string" }, captureUrl: { type: "string" }, inspectUrl: { type: "string" }, shareUrl: { type: "string" }, ownerToken: { type: "string" }, ownerUrl: { type: "string" } },
        },
        BinInfo: {
          type: "object",
          properties: {
            id: { type: "string" },
            createdAt: { type: "string", format: "date-time" },
            expiresAt: { type: ["string", "null"], format: "date-time" },
            maxRequests: { type: "integer" },
            requestCount: { type: "integer" },
            captureUrl: { type: "string" },
            role: { enum: ["owner", "viewer"] },
            shareUrl: { type: "string", description: "Owner only." },
          },
        },
        BinSettings: toSchema(BinSettingsSchema),
        CreateBin: toSchema(CreateBinSchema, "input"),
        UpdateBin: toSchema(UpdateBinSchema, "input"),
        Replay: toSchema(ReplaySchema, "input"),
        Delivery: {
          type: "object",
          description: "A replay, auto-forward or CLI delivery with its attempt log (each attempt: outcome, status, response headers and body, or the network error in plain words).",
          properties: {
            id: { type: "string" },
            requestId: { type: "string" },
            kind: { enum: ["replay", "forward", "cli"] },
            targetUrl: { type: "string" },
            status: { enum: ["pending", "sending", "succeeded", "dead"] },
            attempts: { type: "integer" },
            maxAttempts: { type: "integer" },
            nextAttemptAt: { type: ["string", "null"], format: "date-time" },
            lastError: { type: ["string", "null"] },
            attemptLog: { type: "array", items: { type: "object" } },
          },
        },
        DeliveryList: { type: "object", properties: { deliveries: { type: "array", items: ref("Delivery") } } },
        Forwarder: {
          type: "object",
          description: "A named `hookscope forward` consumer of the bin and where it stands.",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            cursor: { type: "integer", description: "Every capture up to this sequence is delivered." },
            backlog: { type: "integer", description: "Stored captures after the cursor: what it has yet to deliver." },
            connected: { type: "boolean", description: "A CLI holds its stream now." },
            responding: { type: "boolean", description: "Senders wait for its local app's answer (--respond)." },
            lastSeenAt: { type: "string", format: "date-time" },
            createdAt: { type: "string", format: "date-time" },
            dropped: { type: "integer", description: "Captures retention removed before it delivered them (only past FORWARD_BACKLOG_MAX)." },
            droppedAt: { type: ["string", "null"], format: "date-time" },
          },
        },
        ForwarderList: {
          type: "object",
          properties: {
            forwarders: { type: "array", items: ref("Forwarder") },
            undeliveredDropped: {
              type: "object",
              description: "Captures of the bin retention removed before every forwarder had delivered them.",
              properties: { count: { type: "integer" }, at: { type: ["string", "null"], format: "date-time" } },
            },
          },
        },
        ForwarderPush: toSchema(PushSchema, "input"),
        RequestSummary: { type: "object", properties: summaryProperties },
        RequestPage: { type: "object", properties: { requests: { type: "array", items: ref("RequestSummary") }, nextBefore: { type: ["string", "null"] } } },
        RequestDetail: {
          type: "object",
          properties: {
            ...summaryProperties,
            headers: { type: "array", items: { type: "array", prefixItems: [{ type: "string" }, { type: "string" }] }, description: "Ordered [name, value] pairs as received." },
            httpVersion: { type: "string" },
            bodyBase64: { type: "string" },
            bodyText: { type: ["string", "null"], description: "The body when it is valid UTF-8." },
          },
        },
      },
    },
    paths: {
      "/h/{binId}": {
        parameters: [binIdParam],
        post: {
          summary: "Capture a request (any method, and any subpath below /h/{binId}/)",
          description: "Stores the request exactly as received and answers as the bin's settings say (200 `{ ok, id }` by default) once it is committed.",
          requestBody: { required: false, content: { "*/*": { schema: {} } } },
          responses: {
            "200": reply("Stored; the X-Hookscope-Request-Id header names it. Status, headers and body follow the bin's response settings and rules."),
            "404": error("No such bin."),
            "413": error("The body is larger than MAX_BODY_BYTES; nothing was stored."),
            "429": error("Rate limit of the bin or of the source address; see Retry-After. Nothing was stored."),
            "503": error("Storage unavailable; nothing was stored."),
          },
        },
      },
      "/api/health": { get: { summary: "Health check for load balancers", responses: { "200": reply("The database answers."), "503": error("The database does not answer.") } } },
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": reply("OpenAPI 3.1 document.") } } },
      "/api/bins": {
        post: {
          summary: "Create a bin, optionally with a readable name",
          requestBody: { required: false, content: jsonContent(ref("CreateBin")) },
          responses: { "201": reply("Created; ownerToken is shown only here.", ref("CreatedBin")), "400": error("Invalid name."), "409": error("The name is taken.") },
        },
      },
      "/api/bins/{binId}": {
        parameters: [binIdParam],
        get: { summary: "The bin's metadata", security: secured, responses: { "200": reply("Metadata.", ref("BinInfo")), "404": notFound } },
        patch: {
          summary: "Change expiry, retention or response settings (owner)",
          security: secured,
          requestBody: { required: true, content: jsonContent(ref("UpdateBin")) },
          responses: { "200": reply("Updated.", ref("BinInfo")), "400": error("Invalid settings."), "403": ownerOnly, "404": notFound },
        },
        delete: { summary: "Delete the bin and its requests (owner)", security: secured, responses: { "204": reply("Deleted."), "403": ownerOnly, "404": notFound } },
      },
      "/api/bins/import": {
        post: {
          summary: "Create a bin from a HAR 1.2 or Hookscope JSON export",
          requestBody: { required: true, content: jsonContent({ type: "object", description: "The export file's JSON." }) },
          responses: { "201": reply("Created, with the imported requests; ownerToken is shown only here.", ref("CreatedBin")), "400": error("Not an export, or over the limits.") },
        },
      },
      "/api/bins/{binId}/export": {
        parameters: [binIdParam],
        get: {
          summary: "Download the bin's requests as HAR 1.2 or Hookscope JSON",
          security: secured,
          parameters: [
            { name: "format", in: "query", schema: { enum: ["har", "json"], default: "json" } },
            { name: "ids", in: "query", schema: { type: "string" }, description: "Comma-separated request ids; all when absent." },
          ],
          responses: { "200": reply("The export file."), "404": notFound, "413": error("Too many body bytes for one export.") },
        },
      },
      "/api/bins/{binId}/timeline": {
        parameters: [binIdParam],
        get: {
          summary: "Requests per time bucket, for a rate chart",
          security: secured,
          parameters: [
            { name: "buckets", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 60 } },
            { name: "from", in: "query", schema: { type: "string", format: "date-time" } },
            { name: "to", in: "query", schema: { type: "string", format: "date-time" } },
          ],
          responses: { "200": reply("from, to, bucketMs and counts."), "404": notFound },
        },
      },
      "/api/bins/{binId}/share/rotate": {
        parameters: [binIdParam],
        post: { summary: "Issue a new share link, revoking the old one (owner)", security: secured, responses: { "200": reply("The bin with its new shareUrl.", ref("BinInfo")), "403": ownerOnly, "404": notFound } },
      },
      "/api/signature-schemes": {
        get: { summary: "The signature schemes Hookscope verifies and the secret each needs", responses: { "200": reply("The catalogue.") } },
      },
      "/api/bins/{binId}/secrets": {
        parameters: [binIdParam],
        get: { summary: "The bin's secrets, masked (owner)", security: secured, responses: { "200": reply("{ secrets: [{ id, scheme, masked, ... }] }"), "403": ownerOnly, "404": notFound } },
        post: {
          summary: "Add a signature secret or the delivery token (owner); stored requests are re-checked",
          security: secured,
          requestBody: { required: true, content: jsonContent({ type: "object", required: ["scheme", "secret"], properties: { scheme: { type: "string" }, secret: { type: "string" }, toleranceSeconds: { type: "number" }, options: { type: "object" } } }) },
          responses: { "201": reply("Stored; answered masked."), "400": error("Invalid secret for the scheme."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/secrets/{secretId}": {
        parameters: [binIdParam, { name: "secretId", in: "path", required: true, schema: { type: "string" } }],
        delete: { summary: "Remove a secret (owner)", security: secured, responses: { "204": reply("Removed."), "403": ownerOnly, "404": error("No such bin or secret.") } },
      },
      "/api/bins/{binId}/requests/{requestId}/verification": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "The request's signature verdict, with the reason in plain words",
          description: "valid, invalid, no_secret or not_signed; which header, the signed string, received versus expected signature (owner only), timestamp age against the window, and hints such as a re-serialised body. Also the duplicate it repeats and any delivery-auth failure.",
          security: secured,
          responses: { "200": reply("The verdict."), "404": notFound },
        },
      },
      "/api/bins/{binId}/settings": {
        parameters: [binIdParam],
        get: { summary: "Response settings, rules and CORS (owner)", security: secured, responses: { "200": reply("Settings.", ref("BinSettings")), "403": ownerOnly, "404": notFound } },
      },
      "/api/bins/{binId}/requests": {
        parameters: [binIdParam],
        get: {
          summary: "Request summaries, newest first",
          security: secured,
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
            { name: "before", in: "query", schema: { type: "string" }, description: "Older than this request id (next page)." },
            { name: "after", in: "query", schema: { type: "string" }, description: "Newer than this request id." },
            { name: "method", in: "query", schema: { type: "string" } },
            { name: "path", in: "query", schema: { type: "string" }, description: "Exact subpath, or a prefix ending in *." },
            { name: "header", in: "query", schema: { type: "string" }, description: "A header name that must be present." },
            { name: "headerValue", in: "query", schema: { type: "string" }, description: "With header: the exact value one occurrence has." },
            { name: "q", in: "query", schema: { type: "string" }, description: "Text the body contains." },
            { name: "from", in: "query", schema: { type: "string", format: "date-time" } },
            { name: "to", in: "query", schema: { type: "string", format: "date-time" } },
          ],
          responses: { "200": reply("A page of the matching requests, over everything stored.", ref("RequestPage")), "400": error("Invalid parameters."), "404": notFound },
        },
        delete: { summary: "Delete every request of the bin (owner)", security: secured, responses: { "204": reply("Cleared."), "403": ownerOnly, "404": notFound } },
      },
      "/api/bins/{binId}/requests/wait": {
        parameters: [binIdParam],
        get: {
          summary: "Wait for a matching request",
          description: "Blocks until a request matching every given filter arrives after `after` (or after the call), at most `timeout` seconds.",
          security: secured,
          parameters: [
            ...filterParameters,
            { name: "after", in: "query", schema: { type: "string" }, description: "Also consider requests stored after this id." },
            { name: "timeout", in: "query", schema: { type: "number", minimum: 0, maximum: 60, default: 30 }, description: "Seconds." },
          ],
          responses: { "200": reply("The first match.", ref("RequestDetail")), "400": error("Invalid filter."), "404": notFound, "408": error("Nothing matched in time.") },
        },
      },
      "/api/bins/{binId}/requests/{requestId}": {
        parameters: [binIdParam, requestIdParam],
        get: { summary: "One request in full", security: secured, responses: { "200": reply("The request.", ref("RequestDetail")), "404": notFound } },
        delete: { summary: "Delete one request (owner)", security: secured, responses: { "204": reply("Deleted."), "403": ownerOnly, "404": notFound } },
      },
      "/api/bins/{binId}/requests/{requestId}/replay": {
        parameters: [binIdParam, requestIdParam],
        post: {
          summary: "Re-send the request to a target, optionally edited (owner)",
          description: "Same method, headers (hop-by-hop ones, Host and Content-Length replaced) and exact body bytes. Internal targets are refused unless the operator allows them.",
          security: secured,
          requestBody: { required: true, content: jsonContent(ref("Replay")) },
          responses: { "200": reply("The outcome, also when the target failed or was refused.", ref("Delivery")), "400": error("Invalid target or edits."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/deliveries": {
        parameters: [binIdParam, requestIdParam],
        get: { summary: "Replays, forwards and CLI deliveries of this request (owner)", security: secured, responses: { "200": reply("Newest first.", ref("DeliveryList")), "403": ownerOnly, "404": notFound } },
        post: {
          summary: "Report a delivery made by `hookscope forward` (owner)",
          security: secured,
          requestBody: { required: true, content: jsonContent(toSchema(CliReportSchema, "input")) },
          responses: { "201": reply("Recorded.", ref("Delivery")), "400": error("Invalid report."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/replay": {
        parameters: [binIdParam],
        post: {
          summary: "Replay several requests in order (owner)",
          security: secured,
          requestBody: { required: true, content: jsonContent({ type: "object", required: ["targetUrl", "requestIds"], properties: { targetUrl: { type: "string" }, requestIds: { type: "array", items: { type: "string" } } } }) },
          responses: { "200": reply("One outcome per request, oldest first.", ref("DeliveryList")), "400": error("Invalid input."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/deliveries": {
        parameters: [binIdParam],
        get: {
          summary: "The bin's deliveries; status=dead is the dead-letter list (owner)",
          security: secured,
          parameters: [{ name: "status", in: "query", schema: { enum: ["all", "dead"], default: "all" } }],
          responses: { "200": reply("Newest first.", ref("DeliveryList")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/deliveries/{deliveryId}/retry": {
        parameters: [binIdParam, deliveryIdParam],
        post: {
          summary: "Send a delivery that gave up again (owner)",
          security: secured,
          responses: { "202": reply("Queued again.", ref("Delivery")), "403": ownerOnly, "404": error("No such delivery."), "409": error("The delivery has not given up.") },
        },
      },
      "/api/bins/{binId}/forwarders": {
        parameters: [binIdParam],
        get: { summary: "The bin's `hookscope forward` forwarders: connected, backlog, dropped (owner)", security: secured, responses: { "200": reply("Oldest first.", ref("ForwarderList")), "403": ownerOnly, "404": notFound } },
      },
      "/api/bins/{binId}/forwarders/{name}": {
        parameters: [binIdParam, forwarderNameParam],
        delete: {
          summary: "Forget a forwarder (owner)",
          description: "Retention stops keeping captures for it, and a CLI connected under that name is let go.",
          security: secured,
          responses: { "204": reply("Forgotten."), "403": ownerOnly, "404": error("No such bin or forwarder.") },
        },
      },
      "/api/bins/{binId}/forwarders/{name}/send": {
        parameters: [binIdParam, forwarderNameParam],
        post: {
          summary: "Send a captured request, optionally edited, through a connected `hookscope forward` to its local target (owner)",
          description: "Reaches the developer's own machine (localhost) without the server reaching private addresses. Waits for the CLI's report of what the local app answered.",
          security: secured,
          requestBody: { required: true, content: jsonContent(ref("ForwarderPush")) },
          responses: {
            "200": reply("The outcome, also when the local app failed or could not be reached.", ref("Delivery")),
            "400": error("Invalid edits."),
            "403": ownerOnly,
            "404": error("No such bin, request or forwarder."),
            "409": error("forwarder_offline: no CLI is connected under that name."),
            "504": error("forwarder_timeout: the CLI did not report in time."),
          },
        },
      },
      "/api/bins/{binId}/forwarders/{name}/reports": {
        parameters: [binIdParam, forwarderNameParam],
        post: {
          summary: "Report a batch of deliveries and move the cursor (owner; `hookscope forward` only)",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent({
              type: "object",
              required: ["cursor", "reports"],
              properties: {
                cursor: { type: ["integer", "null"], description: "Every capture up to this sequence is delivered." },
                reports: { type: "array", maxItems: 1000, items: { type: "object", description: "key, requestId, kind, targetUrl, status or error, durationMs, and the local answer when the frame asked for it." } },
              },
            }),
          },
          responses: { "200": reply("{ stored, cursor }: each key is stored once."), "400": error("Invalid batch."), "403": ownerOnly, "404": error("No such bin or forwarder.") },
        },
      },
      "/api/bins/{binId}/forwarders/{name}/stream": {
        parameters: [binIdParam, forwarderNameParam],
        get: {
          summary: "The live feed `hookscope forward` reads (owner)",
          description:
            "Served by the custom server, not a Next.js route: a long-lived response of frames, each one line of JSON (hello, request, dropped, ping, end) followed by `size` raw body bytes. Opening it creates the forwarder under that name, or resumes it after its cursor.",
          "x-served-by": "server",
          security: secured,
          parameters: [
            { name: "replayLast", in: "query", schema: { type: "integer", minimum: 0, maximum: 1000, default: 0 }, description: "First re-send the bin's last N captures." },
            { name: "respondTimeoutMs", in: "query", schema: { type: "integer", minimum: 0, maximum: 60000, default: 0 }, description: "> 0: senders wait this long for the local app's answer (--respond)." },
          ],
          responses: {
            "200": { description: "Frames until the CLI disconnects or an end frame.", content: { "application/vnd.hookscope.stream": { schema: { type: "string", format: "binary" } } } },
            "400": error("Invalid name or parameters."),
            "403": ownerOnly,
            "404": notFound,
          },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/decoded": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "The body with its Content-Encoding (gzip, deflate, br) undone, as a download",
          security: secured,
          responses: { "200": { description: "The decoded body.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, "404": notFound, "422": error("Not encoded, or not decodable: the message says why.") },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/raw": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "The body bytes exactly as received, as a download (one byte range on request)",
          security: secured,
          parameters: [{ name: "Range", in: "header", schema: { type: "string" }, description: "bytes=start-end" }],
          responses: { "200": { description: "The body.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, "206": reply("The requested range."), "404": notFound, "416": error("The range starts past the end.") },
        },
      },
    },
  };
}
