import { z } from "zod";

const flag = z.enum(["", "0", "1", "true", "false", "yes", "no"]).transform((value) => value === "1" || value === "true" || value === "yes");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, "DATABASE_URL must be a SQLite URL such as file:./data/hookscope.db or postgres://user:password@host:5432/db")
    .default("file:./data/hookscope.db"),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /**
   * What capture learns from JSON bodies: `on` names each event type and learns its shape (drift
   * flags, exports); `types` only names event types; `off` parses nothing.
   */
  EVENT_SHAPES: z.enum(["on", "types", "off"]).default("on"),
  /** Honour X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host: only behind a proxy that sets them. */
  TRUST_PROXY: flag.default(false),
  /** Origin used in the URLs the API hands out, e.g. https://hooks.example.com; defaults to the Host header. */
  PUBLIC_URL: z.url().optional(),
  /** How long a new bin lives before the sweeper removes it; 0 keeps bins forever. */
  BIN_TTL_DAYS: z.coerce.number().min(0).max(3650).default(7),
  /** Requests a new bin keeps; older ones are pruned. */
  BIN_MAX_REQUESTS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Upper bound on how long a "hold" rule keeps a sender's connection open. */
  HOLD_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** Captures per second one bin accepts (bursts up to twice that); 0 turns the limit off. */
  RATE_LIMIT_PER_BIN: z.coerce.number().min(0).default(200),
  /** Captures per second one source address may send across all bins; 0 turns the limit off. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().min(0).default(400),
  /** Captures accepted but not yet answered (reading or committing); past it, capture answers 503. */
  MAX_INFLIGHT_CAPTURES: z.coerce.number().int().min(1).default(4000),
  /** Body bytes capture may hold in memory at once; past it, capture answers 503. */
  MAX_INFLIGHT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  /** Of those, what one source address may hold at once: one sender cannot take every slot. */
  MAX_INFLIGHT_PER_ADDRESS: z.coerce.number().int().min(1).default(400),
  MAX_INFLIGHT_BYTES_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** Answers held back on purpose (a bin's delay or hold rule), counted apart from capture slots. */
  MAX_HELD_ANSWERS: z.coerce.number().int().min(0).default(1000),
  /** An upload that sends no bytes for this long gets 408 and nothing is stored. */
  BODY_IDLE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** How often the sweeper looks for expired bins. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** First retry delay of an auto-forward; each next one doubles (with jitter). */
  FORWARD_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(2000),
  /**
   * Captures a bin keeps beyond BIN_MAX_REQUESTS while a forwarder or auto-forward has not delivered
   * them; past it they are removed anyway, and counted as dropped where the owner sees it.
   */
  FORWARD_BACKLOG_MAX: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  /** How often the forwarder looks for retries that are due. */
  FORWARD_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Outbound targets on loopback, private, link-local or metadata addresses are refused unless this is on. */
  ALLOW_PRIVATE_TARGETS: flag.default(false),
  /** Comma-separated hosts, IPs, CIDRs or host:port entries that may be targeted even though internal. */
  OUTBOUND_ALLOW_LIST: z.string().default(""),
  /** Serves Prometheus metrics at /metrics to `Authorization: Bearer <this>`; unset, /metrics does not exist. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** A YAML or JSON file declaring bins, applied at every start (README: bins as code). */
  HOOKSCOPE_CONFIG: z.string().optional(),
  /**
   * Sign-in through an OpenID Connect provider: all three set turn it on (README: sign-in). The issuer
   * is the provider's URL that serves /.well-known/openid-configuration.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Scopes asked for at sign-in; `openid` is required. */
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, "OIDC_SCOPES must include openid")
    .default("openid email profile"),
  /** Days a sign-in lasts without use; each use extends it. */
  SESSION_DAYS: z.coerce.number().min(0.01).max(365).default(30),
  /** Creating and reading bins needs sign-in (or an owner token or API key); capture URLs stay open to senders. */
  AUTH_REQUIRED: flag.default(false),
  /** Comma-separated emails (verified by the provider) of the instance's admins; unset, the first user to sign in is admin. */
  ADMIN_EMAILS: z.string().default(""),
  /** Comma-separated origins (https://app.example.com) besides the app's own whose signed-in changes are accepted. */
  HOOKSCOPE_TRUSTED_ORIGINS: z.string().default(""),
  /** text (default) or json: one JSON object per log line (applied by server/log-setup.ts before anything logs). */
  LOG_FORMAT: z.enum(["text", "json"]).default("text"),
});

export type Env = z.infer<typeof EnvSchema>;

const OIDC_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/** Half a provider configuration is a mistake to report at start, not a sign-in that fails later. */
function checkOidcComplete(value: Env, context: z.RefinementCtx): void {
  const set = OIDC_VARIABLES.filter((name) => value[name] !== undefined);
  if (set.length === 0 && value.AUTH_REQUIRED) {
    context.addIssue({ code: "custom", path: ["AUTH_REQUIRED"], message: `needs sign-in configured (${OIDC_VARIABLES.join(", ")})` });
  }
  if (set.length === 0 || set.length === OIDC_VARIABLES.length) return;
  const missing = OIDC_VARIABLES.filter((name) => value[name] === undefined);
  context.addIssue({ code: "custom", path: [missing[0]!], message: `sign-in needs ${OIDC_VARIABLES.join(", ")}; ${missing.join(" and ")} missing` });
}

function readEnv(): Env {
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = EnvSchema.superRefine(checkOidcComplete).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The validated environment, read once. */
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
