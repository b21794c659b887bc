import "./log-setup";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";
import { env } from "@/lib/server/env";
import { closeDb, databaseProvider } from "@/lib/server/db/client";
import { closeHotStore } from "@/lib/server/queries/hot-store";
import { prepareDatabase } from "@/lib/server/db/prepare";
import { preloadRoutes } from "./next-preload";
import { handleCapture, matchCaptureUrl } from "./capture";
import { handleForwardStream, matchStreamUrl } from "./forward-stream";
import { endAllStreams } from "@/lib/server/services/forward-stream";
import { flushRefusals } from "@/lib/server/services/refusals";
import { attachRealtime } from "./realtime";
import { answerUnparsable, refuseHttp09, watchAnswer } from "./unparsable";
import { joinCluster } from "./cluster";
import { runAsLeader } from "./leader";
import { RateLimiter } from "@/lib/server/services/rate-limit";
import { CaptureAdmission } from "@/lib/server/services/admission";
import { startSweeper } from "@/lib/server/services/sweeper";
import { startForwarder } from "@/lib/server/services/forwarder";
import { startShapeLearner } from "@/lib/server/shapes/learner";
import { resumePendingRechecks } from "@/lib/server/services/verification";
import { metrics } from "@/lib/server/metrics";
import { applyConfigFile } from "./bins-config";
import { handleMetrics, isMetricsUrl } from "./metrics";
import { policyFromEnv } from "@/lib/server/outbound/target-policy";
import { errorMessage } from "@/lib/shared/errors";

// Both server/index.ts (tsx) and dist/server.mjs (bundle) sit one folder below the project root.
const rootDir = fileURLToPath(new URL("..", import.meta.url));
const dev = process.env.NODE_ENV !== "production";
const config = env();

process.on("unhandledRejection", (reason) => console.error("unhandled rejection:", reason));

// Fail at start, not at the first replay, on a malformed OUTBOUND_ALLOW_LIST.
policyFromEnv(process.env);
await prepareDatabase(rootDir);
if (config.HOOKSCOPE_CONFIG) await applyConfigFile(config.HOOKSCOPE_CONFIG);

const app = next({ dev, dir: rootDir, hostname: config.HOST, port: config.PORT });
const handleNext = app.getRequestHandler();
await app.prepare();
if (!dev) await preloadRoutes(app);

const captureOptions = {
  maxBodyBytes: config.MAX_BODY_BYTES,
  trustProxy: config.TRUST_PROXY,
  holdMaxMs: config.HOLD_MAX_SECONDS * 1000,
  binLimiter: new RateLimiter(config.RATE_LIMIT_PER_BIN, config.RATE_LIMIT_PER_BIN * 2),
  addressLimiter: new RateLimiter(config.RATE_LIMIT_PER_ADDRESS, config.RATE_LIMIT_PER_ADDRESS * 2),
  bodyIdleMs: config.BODY_IDLE_SECONDS * 1000,
  admission: new CaptureAdmission({
    requests: config.MAX_INFLIGHT_CAPTURES,
    bytes: config.MAX_INFLIGHT_BYTES,
    requestsPerAddress: config.MAX_INFLIGHT_PER_ADDRESS,
    bytesPerAddress: config.MAX_INFLIGHT_BYTES_PER_ADDRESS,
    held: config.MAX_HELD_ANSWERS,
  }),
};

const server = createServer((req, res) => {
  watchAnswer(req, res);
  if (refuseHttp09(req, res)) return;
  const target = matchCaptureUrl(req.url);
  if (target) {
    void handleCapture(req, res, target, captureOptions);
    return;
  }
  const stream = matchStreamUrl(req.url);
  if (stream) {
    void handleForwardStream(req, res, stream);
    return;
  }
  if (config.METRICS_TOKEN && isMetricsUrl(req.url)) {
    void handleMetrics(req, res, config.METRICS_TOKEN);
    return;
  }
  void handleNext(req, res);
});
// Node keeps only the first 1,000 headers by default, silently; a 2xx must mean stored exactly. The
// header size limit (431 past it) still bounds what a request can carry.
server.maxHeadersCount = 0;
answerUnparsable(server);
const realtime = attachRealtime(server);
metrics().liveSubscribers.count = () => realtime.io.engine.clientsCount;
const startBackgroundWork = () => {
  const stopSweeper = startSweeper(config.SWEEP_INTERVAL_SECONDS * 1000);
  const stopForwarder = startForwarder(config.FORWARD_POLL_MS);
  // Catches up at start with whatever a restart left pending, then follows the captures.
  const shapeLearner = config.EVENT_SHAPES === "on" ? startShapeLearner() : null;
  resumePendingRechecks().catch((error: unknown) => console.error("verification: resuming re-checks failed:", errorMessage(error)));
  return () => {
    stopSweeper();
    stopForwarder();
    shapeLearner?.stop();
  };
};
// On PostgreSQL several instances may share the data: events fan out to all of them, and the
// background work runs on one elected instance. SQLite means one instance, which does it all.
const clustered = databaseProvider(config.DATABASE_URL) === "postgresql";
const leaveCluster = clustered ? await joinCluster(realtime.io, config.DATABASE_URL) : async () => undefined;
const stopBackgroundWork = clustered
  ? runAsLeader(config.DATABASE_URL, startBackgroundWork)
  : (() => {
      const stop = startBackgroundWork();
      return async () => stop();
    })();

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(`Hookscope listening on http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port} (${dev ? "development" : "production"})`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  const forced = setTimeout(() => process.exit(1), 5000);
  forced.unref();
  await stopBackgroundWork();
  endAllStreams();
  await realtime.close();
  await leaveCluster();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await flushRefusals();
  await closeDb();
  await closeHotStore();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
