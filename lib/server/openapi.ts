import { z } from "zod";
import { RequestFilterSchema } from "@/lib/server/requests/filter";
import { BinSettingsSchema } from "@/lib/shared/settings/settings";
import { CONTRACT_SCHEMAS } from "@/lib/shared/contract";
import { secretConfigSchema } from "@/lib/server/signatures";
import { ClaimBinSchema, CreateBinSchema, UpdateBinSchema } from "@/lib/server/services/bins";
import { AcceptInviteSchema, CreateInviteSchema, CreateTeamSchema, MemberChangeSchema } from "@/lib/server/services/teams";
import { CreateApiKeySchema } from "@/lib/server/auth/api-keys";
import { InstancePolicyInputSchema } from "@/lib/shared/instance-policy";
import { ReplaySchema } from "@/lib/server/services/deliveries";
import { TestEventSchema } from "@/lib/server/services/test-events";
import { FORWARDER_NAME, PushSchema } from "@/lib/server/services/forwarders";

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
/** A JSON body or answer; `example` also becomes the body of the docs page's curl example. */
const jsonContent = (schema: Json, example?: unknown): Json => ({ "application/json": example === undefined ? { schema } : { schema, example } });
const reply = (description: string, schema?: Json): Json => (schema ? { description, content: jsonContent(schema) } : { description });
const error = (description: string): Json => reply(description, ref("Error"));
const toSchema = (schema: z.ZodType, io: "input" | "output" = "output"): Json => {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
};

/** The answers' schemas (lib/shared/contract.ts), each under its id, referring to one another. */
function contractComponents(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const schema of CONTRACT_SCHEMAS) registry.add(schema, { id: (schema.meta() as { id: string }).id });
  const { schemas } = z.toJSONSchema(registry, { io: "output", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  // `id` is the registry's name for the schema (zod copies its meta), not a JSON Schema keyword.
  return Object.fromEntries(Object.entries(schemas).map(([name, { $schema: _draft, $id: _uri, id: _name, ...rest }]) => [name, rest]));
}

const binIdParam = { name: "binId", in: "path", required: true, schema: { type: "string" }, description: "The bin's id or name." };
const teamIdParam = { name: "teamId", in: "path", required: true, schema: { type: "string" } };
const deliveryIdParam = { name: "deliveryId", in: "path", required: true, schema: { type: "string" } };
const forwarderNameParam = {
  name: "name",
  in: "path",
  required: true,
  schema: { type: "string", pattern: FORWARDER_NAME.source },
  description: "The forwarder's name (`hookscope forward --name`).",
};
const requestIdParam = { name: "requestId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-z]{22}$" } };
const secured = [{ bearer: [] }, { session: [] }];
const signedIn = [{ session: [] }];
const notFound = error("Unknown bin, or a missing or wrong token (they answer alike).");
// A share link, a team viewer and a read key only read; a team's member (operator) uses a bin but
// does not configure it: operations marked "x-bin-role": "owner" refuse operators too.
const ownerOnly = error("Refused: a share link, a team viewer or a read key only reads; configuring (x-bin-role: owner) is for the bin's owners only.");

/** What each wait filter matches (lib/server/requests/filter.ts), and the values the docs' curl example uses. */
const FILTER_DOCS: Record<string, { description: string; example?: string }> = {
  method: { description: "HTTP method, any case.", example: "POST" },
  path: { description: "The subpath after `/h/{binId}`, exactly (`/stripe/events`); a trailing `*` matches any rest (`/stripe/*`)." },
  header: { description: "A header the request carries (name in any case)." },
  headerValue: { description: "With `header`: the exact value one occurrence of it has." },
  bodyContains: { description: "Text the body contains (as UTF-8, case-sensitive)." },
  jsonPath: {
    description:
      'Where to look in a JSON body: `type`, `data.object.id` or `$.data.object.id`, `items[0].sku`, `["key.with dots"]`. No wildcards, filters or `..`. Goes with `jsonEquals`.',
    example: "$.data.object.status",
  },
  jsonEquals: {
    description:
      'The value at `jsonPath`: JSON (`42`, `true`, `null`, `"paid"`, objects with their keys in the same order) is compared as JSON, so `42` does not match the string `"42"`; anything else (`paid`) matches a string equal to it.',
    example: "succeeded",
  },
};

const filterParameters = Object.entries((toSchema(RequestFilterSchema, "input").properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
  name,
  in: "query",
  required: false,
  schema,
  ...FILTER_DOCS[name],
}));

/** Capture takes any method; OpenAPI has no wildcard, so the operation is listed under each one. */
const CAPTURE_METHODS = ["get", "post", "put", "patch", "delete", "head", "options"] as const;

function captureOperation(method: (typeof CAPTURE_METHODS)[number]): Json {
  return {
    operationId: `capture_${method}`,
    // One operation under several methods: the docs page shows it once, as ANY.
    "x-any-method": true,
    summary: "Capture a request: any method, at /h/{binId} and any subpath below it",
    description:
      "The URL to give senders. Any method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ...) and any subpath (`/h/{binId}/stripe/events?x=1`) is stored exactly as received: body bytes, headers in order with duplicates and case, raw query, source address and HTTP version. The answer comes once the request is committed: 200 `{ ok, id }` by default, or what the bin's response settings and failure rules say; it always carries `X-Hookscope-Request-Id`. No token: knowing the bin id lets a sender send, not read.",
    ...(method === "get" || method === "head" || method === "options"
      ? {}
      : { requestBody: { required: false, content: { "*/*": { schema: {}, example: { event: "ping" } } } } }),
    responses: {
      "200": reply("Stored; the X-Hookscope-Request-Id header names it. Status, headers and body follow the bin's response settings and rules."),
      "401": error("The bin's delivery auth is set to reject and the token is missing or wrong; the request is still stored, marked rejected."),
      "403": error("The bin's sender allow-list is set to reject and the sender's address is outside it; the request is still stored, marked rejected."),
      "404": error("No such bin."),
      "413": error("The body is larger than MAX_BODY_BYTES; nothing was stored."),
      "429": error("Rate limit of the bin or of the source address; see Retry-After. Nothing was stored."),
      "503": error("Storage unavailable or overloaded; see Retry-After. Nothing was stored."),
    },
  };
}

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
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "The bin's owner token, or the share token (read-only); or, with sign-in, a personal API key (`hsk_...`) that opens the account's bins (a read key as a viewer). A revoked or mistyped key answers 401.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "hookscope_session",
          description:
            "With sign-in configured: the session a browser gets at /api/auth/callback (`__Host-hookscope_session` over https). It opens the account's bins; changes made with it must come from Hookscope's own pages (Origin checked) and as JSON. An Authorization header, when sent, decides alone.",
        },
      },
      schemas: {
        ...contractComponents(),
        BinSettings: toSchema(BinSettingsSchema),
        CreateBin: toSchema(CreateBinSchema, "input"),
        UpdateBin: toSchema(UpdateBinSchema, "input"),
        CreateApiKey: toSchema(CreateApiKeySchema, "input"),
        CreateTeam: toSchema(CreateTeamSchema, "input"),
        CreateInvite: toSchema(CreateInviteSchema, "input"),
        MemberChange: toSchema(MemberChangeSchema, "input"),
        AcceptInvite: toSchema(AcceptInviteSchema, "input"),
        ClaimBin: toSchema(ClaimBinSchema, "input"),
        InstancePolicyInput: toSchema(InstancePolicyInputSchema, "input"),
        Replay: toSchema(ReplaySchema, "input"),
        TestEvent: toSchema(TestEventSchema, "input"),
        ForwarderPush: toSchema(PushSchema, "input"),
        NewSecret: toSchema(secretConfigSchema, "input"),
      },
    },
    paths: {
      "/h/{binId}": {
        parameters: [binIdParam],
        ...Object.fromEntries(CAPTURE_METHODS.map((method) => [method, captureOperation(method)])),
      },
      "/api/health": {
        get: {
          summary: "Health check for load balancers",
          description: "200 while the database answers a query, 503 otherwise. No token needed.",
          responses: { "200": reply("The database answers.", ref("Health")), "503": error("The database does not answer.") },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This document",
          description: "The OpenAPI 3.1 description of every route, for code generators and API clients. This page is drawn from it.",
          responses: { "200": reply("OpenAPI 3.1 document.") },
        },
      },
      "/api/bins": {
        post: {
          summary: "Create a bin, optionally with a readable name",
          description:
            "Anyone may create a bin. The answer holds the capture URL to give senders, the inspector URL, a read-only share link and the owner token: keep it, it is shown only here and every owner call needs it. A name makes the capture URL readable (`/h/stripe-staging`).",
          requestBody: { required: false, content: jsonContent(ref("CreateBin"), { name: "stripe-staging" }) },
          responses: {
            "201": reply("Created; ownerToken is shown only here.", ref("CreatedBin")),
            "400": error("Invalid name."),
            "409": error("The name is taken."),
          },
        },
      },
      "/api/bins/{binId}": {
        parameters: [binIdParam],
        get: {
          summary: "The bin's metadata",
          description:
            "Expiry, retention limit, how many requests are stored, how many retention removed and how many senders were refused. `role` says what the token allows; only the owner gets `shareUrl`.",
          security: secured,
          responses: { "200": reply("Metadata.", ref("BinInfo")), "404": notFound },
        },
        patch: {
          summary: "Change expiry, retention or response settings (owner)",
          description:
            "Every part is optional and only the parts given change. `settings.response` is the answer every sender gets (status, content type, headers, body, delay); `settings.rules` are failure rehearsal rules tried before it, in order; `cors`, `forward` and `auth` as in the bin settings; `sources` is the sender allow-list (`mode` off, flag or reject; `allow`: IPv4/IPv6 addresses and CIDR ranges; `presets`: providers whose published sending ranges are allowed, see `GET /api/sender-presets`). The sender's address is the socket's, or the last `X-Forwarded-For` entry with TRUST_PROXY.",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent(ref("UpdateBin"), {
              maxRequests: 500,
              settings: {
                response: { status: 202, body: '{"received":true}' },
                rules: [{ name: "every 3rd fails", when: { kind: "every_nth", n: 3 }, action: { kind: "status", status: 503, body: null } }],
              },
            }),
          },
          "x-bin-role": "owner",
          responses: { "200": reply("Updated.", ref("BinInfo")), "400": error("Invalid settings."), "403": ownerOnly, "404": notFound },
        },
        delete: {
          summary: "Delete the bin and its requests (owner)",
          description: "Immediate and final: the capture URL answers 404 from then on, and connected inspectors are told.",
          security: secured,
          "x-bin-role": "owner",
          responses: { "204": reply("Deleted."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/audit": {
        parameters: [binIdParam],
        get: {
          summary: "Who changed the bin, and when (owner)",
          description:
            "One line per change of settings (which parts), secrets (added or removed, by id and scheme), the share link, owner schemas and ownership: when, who (an account's email, an API key's name, or the owner token) and what. Never a secret's value. The last 200, newest first.",
          security: secured,
          "x-bin-role": "owner",
          responses: { "200": reply("The log.", ref("AuditList")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/claim": {
        parameters: [binIdParam],
        post: {
          summary: "Save a bin to the signed-in account (owner token and session)",
          description:
            "The bin then opens in any browser signed in to the account (or, with `{ team }`, to the team's members by their role), without its owner link; the owner token keeps working. Needs both the owner token (Authorization) and a session cookie, sent from Hookscope's own pages. A bin already in another account stays there.",
          security: [{ bearer: [], session: [] }],
          requestBody: { required: false, content: jsonContent(ref("ClaimBin"), {}) },
          "x-bin-role": "owner",
          responses: {
            "200": reply("The bin, now following the account.", ref("BinInfo")),
            "401": error("Not signed in."),
            "403": error("Not the owner token, or sent from another site."),
            "404": notFound,
            "409": error("The bin belongs to another account, or is managed by configuration."),
          },
        },
      },
      "/api/auth/login": {
        get: {
          summary: "Sign in: redirect to the OpenID Connect provider",
          description:
            "Only with OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET set. Redirects to the provider (authorization code with PKCE, state and nonce); the provider sends the browser back to /api/auth/callback. `returnTo` is a path on this server to come back to.",
          parameters: [
            {
              name: "returnTo",
              in: "query",
              required: false,
              schema: { type: "string" },
              description: "A path such as `/bins/abc`; anything else returns to `/`.",
            },
          ],
          responses: { "302": reply("To the provider."), "404": error("Sign-in is not configured."), "502": error("The provider could not be reached.") },
        },
      },
      "/api/auth/callback": {
        get: {
          summary: "Where the provider sends the browser back",
          description:
            "Checks state, PKCE and the ID token, creates the account on first sign-in (matched by the provider's issuer and subject, never by email), sets the session cookie and redirects to `returnTo`.",
          responses: {
            "302": reply("Signed in, back to where sign-in started."),
            "400": error("The answer was refused (wrong state, expired, denied)."),
            "404": error("Sign-in is not configured."),
          },
        },
      },
      "/api/auth/logout": {
        post: {
          summary: "Sign out this browser, or everywhere",
          description: '`{ "everywhere": true }` ends every session of the account and disconnects its live connections on every instance.',
          security: signedIn,
          requestBody: {
            required: false,
            content: jsonContent({ type: "object", properties: { everywhere: { type: "boolean" } }, additionalProperties: false }, { everywhere: true }),
          },
          responses: { "200": reply("Signed out.", ref("SignOutResult")), "401": error("Not signed in."), "403": error("Sent from another site.") },
        },
      },
      "/api/me": {
        get: {
          summary: "Whether sign-in is on, and who is signed in",
          description: "No token needed; `user` is null when this browser is not signed in.",
          responses: { "200": reply("The answer.", ref("Me")) },
        },
      },
      "/api/me/bins": {
        get: {
          summary: "The signed-in account's bins",
          description: "Bins created while signed in (or with a write API key) or saved to the account, newest first (up to 500). A session or an API key.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The bins.", ref("AccountBinList")), "401": error("Not signed in.") },
        },
      },
      "/api/me/api-keys": {
        get: {
          summary: "The account's API keys",
          description: "Names, scopes, when each was created, last used (to the minute) and revoked; never the keys. Signed in only: a key cannot manage keys.",
          security: signedIn,
          responses: { "200": reply("The keys.", ref("ApiKeyList")), "401": error("Not signed in.") },
        },
        post: {
          summary: "Create an API key (shown once)",
          description:
            "`scope` read lets the key read the account's bins (list, detail, wait, export, the live feed); write also changes them, creates bins and runs `hookscope forward --token <key>`. Only the key's SHA-256 is stored.",
          security: signedIn,
          requestBody: { required: true, content: jsonContent(ref("CreateApiKey"), { name: "CI", scope: "read" }) },
          responses: {
            "201": reply("Created; the key is shown only here.", ref("CreatedApiKey")),
            "400": error("Invalid name or scope."),
            "401": error("Not signed in."),
            "403": error("Sent from another site."),
            "409": error("The account has 100 keys."),
          },
        },
      },
      "/api/me/api-keys/{keyId}": {
        parameters: [{ name: "keyId", in: "path", required: true, schema: { type: "string" } }],
        delete: {
          summary: "Revoke an API key",
          description: "At once: the key's next request answers 401. It stays in the list, marked revoked.",
          security: signedIn,
          responses: {
            "200": reply("Revoked.", ref("ApiKeyInfo")),
            "401": error("Not signed in."),
            "403": error("Sent from another site."),
            "404": error("No such key in this account."),
          },
        },
      },
      "/api/me/audit": {
        get: {
          summary: "The account's own log",
          description: "Newest first: the account's API keys created and revoked (name, id, scope; never the key), by whom and when. A session or an API key.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The log.", ref("AuditList")), "401": error("Not signed in.") },
        },
      },
      "/api/admin/bins": {
        get: {
          summary: "Every bin on the instance (admins)",
          description:
            "Admins are the accounts whose verified email is in ADMIN_EMAILS, or, without that list, the first account to sign in. An admin opens, changes and deletes any bin through the usual routes.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The bins.", ref("AdminBinList")), "401": error("Not signed in."), "403": error("Not an admin.") },
        },
      },
      "/api/admin/policy": {
        get: {
          summary: "The instance's policies (admins)",
          description:
            "Which roles' replays and auto-forwards may reach private addresses, and what the operator opened beneath that (ALLOW_PRIVATE_TARGETS, OUTBOUND_ALLOW_LIST). Without the operator's settings no role reaches them, whatever the policy says.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The policy.", ref("InstancePolicy")), "401": error("Not signed in."), "403": error("Not an admin.") },
        },
        put: {
          summary: "Set the instance's policies (admins)",
          description:
            "Roles: owner_token (browser-owned bins), account (a signed-in user's own bins), team_member, team_owner, admin (always allowed). Checked at every delivery attempt, so queued forwards and retries follow a narrowed policy; an auto-forward is sent for the role of whoever last changed the bin's forward settings. Recorded in the instance's audit log.",
          security: [{ session: [] }, { bearer: [] }],
          requestBody: { required: true, content: jsonContent(ref("InstancePolicyInput"), { privateTargetRoles: ["team_owner", "admin"] }) },
          responses: {
            "200": reply("Set.", ref("InstancePolicy")),
            "400": error("An unknown role, or one listed twice."),
            "401": error("Not signed in."),
            "403": error("Not an admin, a read-only key, or sent from another site."),
          },
        },
      },
      "/api/admin/audit": {
        get: {
          summary: "Changes to the instance's policies (admins)",
          description: "Newest first: who changed which policy, from what to what.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The log.", ref("AuditList")), "401": error("Not signed in."), "403": error("Not an admin.") },
        },
      },
      "/api/teams": {
        get: {
          summary: "The account's teams",
          description: "Each team with the account's role in it. A session or an API key.",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The teams.", ref("TeamList")), "401": error("Not signed in.") },
        },
        post: {
          summary: "Create a team",
          description: "The signed-in creator is its owner. Bins join it when created with `{ team }` (`POST /api/bins`) or claimed with `{ team }`.",
          security: signedIn,
          requestBody: { required: true, content: jsonContent(ref("CreateTeam"), { name: "Payments" }) },
          responses: {
            "201": reply("Created.", ref("TeamDetail")),
            "400": error("Invalid name."),
            "401": error("Not signed in."),
            "403": error("Sent from another site."),
          },
        },
      },
      "/api/teams/{teamId}": {
        parameters: [teamIdParam],
        get: {
          summary: "A team and its members",
          description: "For the team's members (any role).",
          security: [{ session: [] }, { bearer: [] }],
          responses: { "200": reply("The team.", ref("TeamDetail")), "401": error("Not signed in."), "404": error("No such team among yours.") },
        },
      },
      "/api/teams/{teamId}/audit": {
        parameters: [teamIdParam],
        get: {
          summary: "Who changed the team's members, and when (team owners)",
          description: "Invitations created, joins, role changes, removals and departures. The last 200, newest first.",
          security: [{ session: [] }, { bearer: [] }],
          responses: {
            "200": reply("The log.", ref("AuditList")),
            "401": error("Not signed in."),
            "403": error("Not an owner of the team."),
            "404": error("No such team among yours."),
          },
        },
      },
      "/api/teams/{teamId}/invites": {
        parameters: [teamIdParam],
        post: {
          summary: "Create a single-use invitation link (team owners)",
          description:
            "Whoever opens the link signed in joins the team with `role`. It expires after `expiresInHours` (default 72, at most 720) and works once; only its token's SHA-256 is stored, and the token sits in the link's fragment so that it stays out of logs.",
          security: signedIn,
          requestBody: { required: true, content: jsonContent(ref("CreateInvite"), { role: "member" }) },
          responses: {
            "201": reply("The link.", ref("CreatedInvite")),
            "400": error("Invalid role or lifetime."),
            "401": error("Not signed in."),
            "403": error("Not an owner of the team, or sent from another site."),
            "404": error("No such team among yours."),
          },
        },
      },
      "/api/teams/{teamId}/members/{userId}": {
        parameters: [teamIdParam, { name: "userId", in: "path", required: true, schema: { type: "string" } }],
        patch: {
          summary: "Change a member's role (team owners)",
          description: "A team keeps at least one owner.",
          security: signedIn,
          requestBody: { required: true, content: jsonContent(ref("MemberChange"), { role: "viewer" }) },
          responses: {
            "200": reply("The team.", ref("TeamDetail")),
            "400": error("Invalid role."),
            "401": error("Not signed in."),
            "403": error("Not an owner of the team, or sent from another site."),
            "404": error("No such team or member."),
            "409": error("That would leave the team without an owner."),
          },
        },
        delete: {
          summary: "Remove a member (team owners), or leave (yourself)",
          description: "A team keeps at least one owner.",
          security: signedIn,
          responses: {
            "204": reply("Removed."),
            "401": error("Not signed in."),
            "403": error("Not an owner of the team, or sent from another site."),
            "404": error("No such team or member."),
            "409": error("That would leave the team without an owner."),
          },
        },
      },
      "/api/invites/accept": {
        post: {
          summary: "Join a team with an invitation link's token",
          description: "The token is the `#token=` part of the link. Used once; a member who is already in the team keeps the higher role.",
          security: signedIn,
          requestBody: { required: true, content: jsonContent(ref("AcceptInvite"), { token: "the-token-from-the-link" }) },
          responses: {
            "200": reply("Joined.", ref("JoinedTeam")),
            "400": error("Used, expired or incomplete."),
            "401": error("Not signed in."),
            "403": error("Sent from another site."),
          },
        },
      },
      "/api/bins/import": {
        post: {
          summary: "Create a bin from a HAR 1.2 or Hookscope JSON export",
          description:
            'The file\'s JSON as the body. Bodies come back byte for byte: a Hookscope JSON export carries them as base64, a HAR file as `postData.text` (with `encoding: "base64"` for binary bodies). HAR files from browsers and other tools work too. The new bin is yours: the answer carries its owner token.',
          "x-curl-options": ["-H 'Content-Type: application/json'", "--data-binary @hookscope-export.json"],
          requestBody: { required: true, content: jsonContent({ type: "object", description: "The export file's JSON." }) },
          responses: {
            "201": reply("Created, with the imported requests; ownerToken is shown only here.", ref("ImportedBin")),
            "400": error("Not an export, or over the limits."),
          },
        },
      },
      "/api/bins/{binId}/export": {
        parameters: [binIdParam],
        get: {
          summary: "Download the bin's requests as HAR 1.2, Hookscope JSON or a fixture set",
          description:
            "Hookscope JSON keeps everything needed to restore each request exactly (import it with `POST /api/bins/import`). HAR 1.2 opens in browser devtools and HTTP tools: text bodies as text, binary ones base64-encoded, and the status Hookscope answered in `response` (the headers and body of that answer are not stored per request). `fixtures` is a fixture set for `hookscope replay <file> --to <url>`: exact bytes, headers in order, method, subpath, query and each request's signature scheme by name, never a secret.",
          security: secured,
          "x-curl-options": ["-o hookscope-export.har"],
          parameters: [
            {
              name: "format",
              in: "query",
              schema: { enum: ["har", "json", "fixtures"], default: "json" },
              description: "`har`, `json` or `fixtures`.",
              example: "har",
            },
            { name: "ids", in: "query", schema: { type: "string" }, description: "Comma-separated request ids; all when absent." },
            // A search, as the wait API takes it; without examples, so the curl example stays a plain export.
            ...filterParameters.map(({ example: _example, ...parameter }) => parameter),
          ],
          responses: { "200": reply("The export file."), "404": notFound, "413": error("Too many body bytes for one export.") },
        },
      },
      "/api/bins/{binId}/timeline": {
        parameters: [binIdParam],
        get: {
          summary: "Requests per time bucket, for a rate chart",
          description: "Counts of captured requests in `buckets` equal slices of the time range (the last hour by default).",
          security: secured,
          parameters: [
            { name: "buckets", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 60 }, example: 60 },
            { name: "from", in: "query", schema: { type: "string", format: "date-time" }, description: "Start of the range (ISO 8601)." },
            { name: "to", in: "query", schema: { type: "string", format: "date-time" }, description: "End of the range (ISO 8601)." },
          ],
          responses: { "200": reply("from, to, bucketMs and counts.", ref("Timeline")), "404": notFound },
        },
      },
      "/api/bins/{binId}/shapes": {
        parameters: [binIdParam],
        get: {
          summary: "Event types and their learnt shapes",
          description:
            "Each event type the bin's JSON requests had, with how many samples its shape was learnt from, and the owner's JSON Schemas by type. The shape is learnt as requests are stored, in the same transaction: bodies over 256 KiB are not learnt.",
          security: secured,
          responses: { "200": reply("The bin's event types.", ref("EventShapeList")), "404": notFound },
        },
      },
      "/api/bins/{binId}/shapes/changes": {
        parameters: [binIdParam],
        get: {
          summary: "Where event shapes changed",
          description:
            "For each change of an event type's shape (a new field, a missing required field, a type change, a new enum value), the first request that had it, newest first. Each type keeps its newest 200.",
          security: secured,
          parameters: [{ name: "eventType", in: "query", schema: { type: "string" }, description: "Only this event type's changes." }],
          responses: { "200": reply("The changes.", ref("ShapeChangeList")), "400": error("Invalid parameters."), "404": notFound },
        },
      },
      "/api/bins/{binId}/shapes/export": {
        parameters: [binIdParam],
        get: {
          summary: "An event type's shape as JSON Schema, TypeScript or zod",
          description:
            "The learnt shape written out: a JSON Schema 2020-12 document (`json-schema`), a TypeScript type (`typescript`) or a zod 4 schema module (`zod`). Each accepts every sample it was learnt from.",
          security: secured,
          parameters: [
            { name: "eventType", in: "query", required: true, schema: { type: "string" }, example: "charge.succeeded" },
            { name: "format", in: "query", required: true, schema: { type: "string", enum: ["json-schema", "typescript", "zod"] }, example: "json-schema" },
          ],
          responses: {
            "200": reply("The file's name, media type and text.", ref("ShapeExport")),
            "400": error("Invalid parameters."),
            "404": error("Unknown bin, a wrong token, or no shape learnt for that event type."),
          },
        },
      },
      "/api/bins/{binId}/shapes/schema": {
        parameters: [binIdParam, { name: "eventType", in: "query", required: true, schema: { type: "string" }, example: "charge.succeeded" }],
        get: {
          summary: "The owner's JSON Schema for an event type",
          description: "The schema as uploaded, its dialect and version. Anyone who can read the bin may read it.",
          security: secured,
          responses: {
            "200": reply("The schema.", ref("OwnerSchema")),
            "400": error("Invalid parameters."),
            "404": error("Unknown bin, a wrong token, or no schema for that event type."),
          },
        },
        put: {
          summary: "Set or replace an event type's JSON Schema (owner)",
          description:
            "The body is the schema: JSON Schema 2020-12 (the default when `$schema` is absent) or draft-07, at most 256 KiB. Ajv compiles it; a schema Ajv refuses is answered 422 with Ajv's reason. `$ref` resolves within the schema only: nothing is ever fetched. `pattern` runs on a linear-time engine (RE2): backreferences and lookaround are refused. Each new request of the type is checked as it is stored (`schemaResult` in the list, the failing paths in the detail's `schemaCheck`); requests stored before are checked when their detail is read. Replacing a schema counts its version up and clears the verdicts of the one it replaces. A bin holds at most 100 schemas.",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent(
              { type: "object", description: "A JSON Schema." },
              {
                $schema: "https://json-schema.org/draft/2020-12/schema",
                type: "object",
                required: ["data"],
                properties: { data: { type: "object", properties: { object: { type: "object", properties: { amount: { type: "integer" } } } } } },
              },
            ),
          },
          "x-bin-role": "owner",
          responses: {
            "200": reply("Stored.", ref("OwnerSchema")),
            "400": error("Invalid parameters."),
            "403": ownerOnly,
            "404": notFound,
            "409": error("The bin holds 100 schemas already."),
            "413": error("The schema is larger than 256 KiB."),
            "422": error(
              "Not a schema Ajv accepts: not JSON, an unsupported `$schema`, an invalid keyword, an unresolvable `$ref`, or a pattern RE2 cannot run.",
            ),
          },
        },
        delete: {
          summary: "Remove an event type's JSON Schema (owner)",
          description: "New requests of the type are no longer checked, and the verdicts stored under it are cleared.",
          security: secured,
          "x-bin-role": "owner",
          responses: {
            "204": reply("Removed."),
            "400": error("Invalid parameters."),
            "403": ownerOnly,
            "404": error("Unknown bin, a wrong token, or no schema for that event type."),
          },
        },
      },
      "/api/bins/{binId}/share/rotate": {
        parameters: [binIdParam],
        post: {
          summary: "Issue a new share link, revoking the old one (owner)",
          description: "The old share token stops working at once, also for viewers who have the inspector open.",
          security: secured,
          "x-bin-role": "owner",
          responses: { "200": reply("The bin with its new shareUrl.", ref("BinInfo")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/signature-schemes": {
        get: {
          summary: "The signature schemes Hookscope verifies and the secret each needs",
          description:
            "Each scheme's id (the `scheme` of a secret), name, the secret it needs with an example, the headers it reads and its timestamp window. No token needed.",
          responses: { "200": reply("The catalogue.", ref("SignatureSchemeList")) },
        },
      },
      "/api/sender-presets": {
        get: {
          summary: "Providers whose published sending ranges a sender allow-list can include",
          description:
            "Each preset's id (for `settings.sources.presets`), name, where its ranges are published, the ranges, and the date the shipped list was checked. No token needed.",
          responses: { "200": reply("The presets and when they were checked.", ref("SenderPresetCatalogue")) },
        },
      },
      "/api/bins/{binId}/secrets": {
        parameters: [binIdParam],
        get: {
          summary: "The bin's secrets, masked (owner)",
          description: "A secret is never sent back in full, not even to the owner: only its scheme and a masked hint.",
          security: secured,
          responses: { "200": reply("The secrets, masked.", ref("SecretList")), "403": ownerOnly, "404": notFound },
        },
        post: {
          summary: "Add a signature secret or the delivery token (owner); stored requests are re-checked",
          description:
            "`scheme` is an id from `GET /api/signature-schemes` (`delivery-auth` for the bin's delivery token). Several secrets of one scheme are all tried, for rotation. `toleranceSeconds` overrides the scheme's timestamp window (0 turns the check off); `options` configures `generic-hmac`; `signedUrl`, for schemes that sign the URL (Twilio, Square, HubSpot, generic-hmac with `{url}`), is the public URL the provider was given for this bin, without query: the captured subpath and query are appended to it instead of rebuilding the URL from the request.",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent(ref("NewSecret"), { scheme: "stripe", secret: "whsec_<signingSecret>" }),
          },
          "x-bin-role": "owner",
          responses: {
            "201": reply("Stored; answered masked.", ref("MaskedSecret")),
            "400": error("Invalid secret for the scheme."),
            "403": ownerOnly,
            "404": notFound,
          },
        },
      },
      "/api/bins/{binId}/secrets/{secretId}": {
        parameters: [binIdParam, { name: "secretId", in: "path", required: true, schema: { type: "string" }, description: "The id from the secrets list." }],
        delete: {
          summary: "Remove a secret (owner)",
          description: "Stored requests are checked again without it.",
          security: secured,
          "x-bin-role": "owner",
          responses: { "204": reply("Removed."), "403": ownerOnly, "404": error("No such bin or secret.") },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/verification": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "The request's signature verdict, with the reason in plain words",
          description:
            "Checked now against the bin's current secrets: `status` (`valid`, `invalid`, `no_secret` or `not_signed`) and its two dimensions `signature` and `freshness` (as in the request summary; `details.staleBySeconds` says how far past the window), the reason, for URL-signing schemes the URL checked (`details.signedUrl`, `details.signedUrlSource`: `configured` or `rebuilt`), which header carried the signature, the signed bytes, the received signature, the timestamp's age against the scheme's window, and hints such as a re-serialised body. Also the earlier request it duplicates, any delivery-auth or sender allow-list failure, and whether it came over plain HTTP. The start of the signature Hookscope computed (`details.expected`) goes to the owner only; a share token gets everything else.",
          security: secured,
          responses: { "200": reply("The verdict.", ref("Verification")), "404": notFound },
        },
      },
      "/api/bins/{binId}/settings": {
        parameters: [binIdParam],
        get: {
          summary: "Response settings, rules and CORS (owner)",
          description: "The bin's answer, failure rules, CORS, auto-forward and delivery-auth settings as JSON; change them with `PATCH /api/bins/{binId}`.",
          security: secured,
          responses: { "200": reply("Settings.", ref("BinSettings")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/requests": {
        parameters: [binIdParam],
        get: {
          summary: "Request summaries, newest first",
          description:
            "A page of summaries (no bodies or headers: read one request for those). Filters search everything stored, not only the page; pass `nextBefore` as `before` for the next page.",
          security: secured,
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 }, example: 50 },
            { name: "before", in: "query", schema: { type: "string" }, description: "Older than this request id (next page)." },
            { name: "after", in: "query", schema: { type: "string" }, description: "Newer than this request id." },
            { name: "method", in: "query", schema: { type: "string" }, description: "HTTP method, any case." },
            { name: "path", in: "query", schema: { type: "string" }, description: "Exact subpath, or a prefix ending in *." },
            { name: "header", in: "query", schema: { type: "string" }, description: "A header name that must be present." },
            { name: "headerValue", in: "query", schema: { type: "string" }, description: "With header: the exact value one occurrence has." },
            { name: "q", in: "query", schema: { type: "string" }, description: "Text the body contains." },
            { name: "from", in: "query", schema: { type: "string", format: "date-time" }, description: "Received at or after (ISO 8601)." },
            { name: "to", in: "query", schema: { type: "string", format: "date-time" }, description: "Received at or before (ISO 8601)." },
            {
              name: "eventType",
              in: "query",
              schema: { type: "string" },
              description: "Exactly this event type (`pull_request.opened`, `orders/create`, `untyped`).",
            },
            {
              name: "schemaResult",
              in: "query",
              schema: { type: "string", enum: ["pass", "fail", "not_checked"] },
              description: "Only requests with this verdict of their event type's owner schema, as stored at capture.",
            },
          ],
          responses: {
            "200": reply("A page of the matching requests, over everything stored.", ref("RequestPage")),
            "400": error("Invalid parameters."),
            "404": notFound,
          },
        },
        delete: {
          summary: "Delete every request of the bin (owner)",
          description: "The bin itself stays, with its settings and secrets.",
          security: secured,
          responses: { "204": reply("Cleared."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/requests/wait": {
        parameters: [binIdParam],
        get: {
          summary: "Wait for a matching request",
          description:
            'For tests: trigger the sender, then call this. It answers as soon as a request matching every given filter is captured (within `timeout` seconds, else 408), with the request in full, body included whatever its size. Only requests captured after the call count, unless `after` names the last request you saw: then those stored since count too, so a webhook that arrived before the call is not missed. `jsonPath` reads a JSON body: `data.object.id` or `$.data.object.id` (dot-separated keys), `items[0].sku` (array index), `["key.with dots"]` (a key with dots or brackets); no wildcards, filters or `..`. `jsonEquals` is the value found there: JSON (`42`, `true`, `null`, `"paid"`) compared as JSON, or plain text compared with a string value.',
          security: secured,
          parameters: [
            ...filterParameters,
            {
              name: "after",
              in: "query",
              schema: { type: "string" },
              description: "A request id: requests stored after it count too (no gap between two waits). Without it, only requests captured after the call.",
            },
            {
              name: "timeout",
              in: "query",
              schema: { type: "number", minimum: 0, maximum: 60, default: 30 },
              description: "Seconds to wait before answering 408.",
              example: 30,
            },
          ],
          responses: {
            "200": reply("The first match.", ref("RequestDetail")),
            "400": error("Invalid filter."),
            "404": notFound,
            "408": error("Nothing matched in time."),
          },
        },
      },
      "/api/bins/{binId}/requests/{requestId}": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "One request in full",
          description:
            "Headers in their order with duplicates and original case, the raw query, HTTP version, source address, the answer Hookscope gave, and the body as base64 (plus as text when it is UTF-8). Bodies over 2 MiB are left out (`bodyOmitted: true`): read them from `/raw`.",
          security: secured,
          responses: { "200": reply("The request.", ref("RequestDetail")), "404": notFound },
        },
        delete: {
          summary: "Delete one request (owner)",
          description: "Connected inspectors drop it from their list.",
          security: secured,
          responses: { "204": reply("Deleted."), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/replay": {
        parameters: [binIdParam, requestIdParam],
        post: {
          summary: "Re-send the request to a target, optionally edited (owner)",
          description:
            "Same method, headers (hop-by-hop ones, Host and Content-Length replaced) and exact body bytes. Internal targets are refused unless the operator allows them.",
          security: secured,
          requestBody: { required: true, content: jsonContent(ref("Replay"), { targetUrl: "https://staging.example.com/webhooks/stripe" }) },
          responses: {
            "200": reply("The outcome, also when the target failed or was refused.", ref("Delivery")),
            "400": error("Invalid target or edits."),
            "403": ownerOnly,
            "404": notFound,
          },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/deliveries": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "Replays, forwards and CLI deliveries of this request (owner)",
          description: "Each with its attempts: when, how long, the target's status, headers and body, or the network error in words.",
          security: secured,
          responses: { "200": reply("Newest first.", ref("DeliveryList")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/replay": {
        parameters: [binIdParam],
        post: {
          summary: "Replay several requests in order (owner)",
          description: "One after the other, oldest first, each as in the single replay.",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent(
              {
                type: "object",
                required: ["targetUrl", "requestIds"],
                properties: {
                  targetUrl: { type: "string" },
                  requestIds: { type: "array", items: { type: "string" } },
                  resign: { type: "object", description: "As in the single replay: `secretId` or `scheme`, and `privateKey` for a public-key scheme." },
                },
              },
              { targetUrl: "https://staging.example.com/webhooks", requestIds: ["<requestId>", "<requestId>"] },
            ),
          },
          responses: {
            "200": reply("One outcome per request, oldest first.", ref("DeliveryList")),
            "400": error("Invalid input."),
            "403": ownerOnly,
            "404": notFound,
          },
        },
      },
      "/api/bins/{binId}/test-event": {
        parameters: [binIdParam],
        post: {
          summary: "Send a signed test event for any scheme (owner)",
          description:
            "Builds the scheme's template request (or your `body`), signs it now with one of the bin's secrets (`secretId`, or the first secret of `scheme`) and captures it in the bin; with `targetUrl` it is then replayed there, re-signed for that URL, through the same target policy as a replay. Public-key schemes need `privateKey` (used once, never stored).",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent(ref("TestEvent"), { scheme: "stripe", targetUrl: "https://staging.example.com/webhooks/stripe" }),
          },
          responses: {
            "200": reply("The captured event, what was signed, and the delivery when a target was given.", ref("TestEventResult")),
            "400": error("Invalid input."),
            "403": ownerOnly,
            "404": error("No such bin, or no secret of that scheme in it."),
            "422": error("The scheme cannot be signed as asked (a public-key scheme without its private key)."),
          },
        },
      },
      "/api/bins/{binId}/deliveries": {
        parameters: [binIdParam],
        get: {
          summary: "The bin's deliveries; status=dead is the dead-letter list (owner)",
          description: "Replays, auto-forwards and CLI deliveries of every request. A delivery is dead once it used all its attempts.",
          security: secured,
          parameters: [{ name: "status", in: "query", schema: { enum: ["all", "dead"], default: "all" }, example: "dead" }],
          responses: { "200": reply("Newest first.", ref("DeliveryList")), "403": ownerOnly, "404": notFound },
        },
      },
      "/api/bins/{binId}/deliveries/{deliveryId}/retry": {
        parameters: [binIdParam, deliveryIdParam],
        post: {
          summary: "Send a delivery that gave up again (owner)",
          description: "Queues a dead delivery for one more round of attempts.",
          security: secured,
          responses: {
            "202": reply("Queued again.", ref("Delivery")),
            "403": ownerOnly,
            "404": error("No such delivery."),
            "409": error("The delivery has not given up."),
          },
        },
      },
      "/api/bins/{binId}/forwarders": {
        parameters: [binIdParam],
        get: {
          summary: "The bin's `hookscope forward` forwarders: connected, backlog, dropped (owner)",
          description:
            "Every named forwarder that has read this bin: whether a CLI is connected now, how far it has delivered, and what retention removed before it could.",
          security: secured,
          responses: { "200": reply("Oldest first.", ref("ForwarderList")), "403": ownerOnly, "404": notFound },
        },
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
          description:
            "Reaches the developer's own machine (localhost) without the server reaching private addresses. Waits for the CLI's report of what the local app answered.",
          security: secured,
          requestBody: { required: true, content: jsonContent(ref("ForwarderPush"), { requestId: "<requestId>" }) },
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
          description:
            "The CLI's side of the stream: what it delivered and how far. Each report has a key the server stores once, so a batch sent twice is not counted twice.",
          security: secured,
          requestBody: {
            required: true,
            content: jsonContent({
              type: "object",
              required: ["cursor", "reports"],
              properties: {
                cursor: { type: ["integer", "null"], description: "Every capture up to this sequence is delivered." },
                reports: {
                  type: "array",
                  maxItems: 1000,
                  items: {
                    type: "object",
                    description: "key, requestId, kind, targetUrl, status or error, durationMs, and the local answer when the frame asked for it.",
                  },
                },
              },
            }),
          },
          responses: {
            "200": reply("Each key is stored once.", ref("ReportsResult")),
            "400": error("Invalid batch."),
            "403": ownerOnly,
            "404": error("No such bin or forwarder."),
          },
        },
      },
      "/api/bins/{binId}/forwarders/{name}/stream": {
        parameters: [binIdParam, forwarderNameParam],
        get: {
          summary: "The live feed `hookscope forward` reads (owner)",
          description:
            "Served by the custom server, not a Next.js route: a long-lived response of frames, each one line of JSON (hello, request, dropped, ping, end) followed by `size` raw body bytes. Opening it creates the forwarder under that name, or resumes it after its cursor.",
          "x-served-by": "server",
          "x-curl-options": ["-N"],
          security: secured,
          parameters: [
            {
              name: "replayLast",
              in: "query",
              schema: { type: "integer", minimum: 0, maximum: 1000, default: 0 },
              description: "First re-send the bin's last N captures.",
            },
            {
              name: "respondTimeoutMs",
              in: "query",
              schema: { type: "integer", minimum: 0, maximum: 60000, default: 0 },
              description: "> 0: senders wait this long for the local app's answer (--respond).",
            },
          ],
          responses: {
            "200": {
              description: "Frames until the CLI disconnects or an end frame.",
              content: { "application/vnd.hookscope.stream": { schema: { type: "string", format: "binary" } } },
            },
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
          description: "For bodies sent compressed: the bytes after undoing each listed coding in turn. 422 says why when it cannot.",
          security: secured,
          "x-curl-options": ["-o body.decoded"],
          responses: {
            "200": { description: "The decoded body.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
            "404": notFound,
            "422": error("Not encoded, or not decodable: the message says why."),
          },
        },
      },
      "/api/bins/{binId}/requests/{requestId}/raw": {
        parameters: [binIdParam, requestIdParam],
        get: {
          summary: "The body bytes exactly as received, as a download (one byte range on request)",
          description:
            "Always `application/octet-stream` with `nosniff`, so a browser never renders a captured body. `Range: bytes=start-end` reads part of a large body (206).",
          security: secured,
          "x-curl-options": ["-o body.bin"],
          parameters: [{ name: "Range", in: "header", schema: { type: "string" }, description: "bytes=start-end", example: "bytes=0-1023" }],
          responses: {
            "200": { description: "The body.", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
            "206": reply("The requested range."),
            "404": notFound,
            "416": error("The range starts past the end."),
          },
        },
      },
    },
  };
}
