import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { countPendingDeliveries } from "@/lib/server/queries/deliveries";

interface Metrics {
  registry: Registry;
  captures: Counter<"status">;
  captureSeconds: Histogram;
  deliveries: Counter<"kind" | "outcome">;
  databaseErrors: Counter<"where">;
  shapeLearnerRows: Counter<"work">;
  shapeLearnerSeconds: Counter;
  searchIndexerSeconds: Counter;
  liveSubscribers: { count: () => number };
}

const GLOBAL_KEY = Symbol.for("hookscope.metrics");
type Holder = { [GLOBAL_KEY]?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "hookscope_process_" });
  const liveSubscribers = { count: () => 0 };
  const metrics: Metrics = {
    registry,
    captures: new Counter({
      name: "hookscope_captures_total",
      help: "Requests to capture URLs, by the status Hookscope answered (2xx stored; 413, 429, 503 refused, nothing stored).",
      labelNames: ["status"],
      registers: [registry],
    }),
    captureSeconds: new Histogram({
      name: "hookscope_capture_duration_seconds",
      help: "From a capture request's arrival to its answer (commit included; hold and delay rules included).",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "hookscope_deliveries_total",
      help: "Delivery attempts: replay and forward (sent by the server) and cli (reported by hookscope forward), by outcome.",
      labelNames: ["kind", "outcome"],
      registers: [registry],
    }),
    databaseErrors: new Counter({
      name: "hookscope_database_errors_total",
      help: "Database operations that failed, by where: capture (answered 503) or health.",
      labelNames: ["where"],
      registers: [registry],
    }),
    shapeLearnerRows: new Counter({
      name: "hookscope_shape_learner_rows_total",
      help: "Requests the background shape learner flagged: learn (shape, drift and schema check after capture) or recheck (after a schema change).",
      labelNames: ["work"],
      registers: [registry],
    }),
    shapeLearnerSeconds: new Counter({
      name: "hookscope_shape_learner_seconds_total",
      help: "Time the background shape learner's steps took, transactions included: on SQLite main-thread time (what it takes from capture when both are busy); on PostgreSQL waits for the database too.",
      registers: [registry],
    }),
    searchIndexerSeconds: new Counter({
      name: "hookscope_search_indexer_seconds_total",
      help: "CPU time the SQLite search indexer's steps took (indexing new rows, merging the index's segments).",
      registers: [registry],
    }),
    liveSubscribers,
  };
  new Gauge({
    name: "hookscope_live_subscribers",
    help: "Inspector connections (socket.io) open on this instance.",
    registers: [registry],
    collect() {
      this.set(liveSubscribers.count());
    },
  });
  new Gauge({
    name: "hookscope_forward_queue_depth",
    help: "Auto-forward and replay deliveries waiting for an attempt (in the shared database).",
    registers: [registry],
    async collect() {
      this.set(await countPendingDeliveries());
    },
  });
  return metrics;
}

/**
 * The process's metrics, on globalThis: the custom server and Next's route bundles are separate
 * module graphs, and both count (captures in one, CLI reports in the other).
 */
export function metrics(): Metrics {
  const holder = globalThis as Holder;
  return (holder[GLOBAL_KEY] ??= create());
}
