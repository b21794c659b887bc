import type { ForwarderReport, StreamFrame } from "@/lib/shared/api-types";
import { redactUrl } from "@/lib/server/outbound/target-url";
import { ApiError, BinApi, UnreachableError } from "./api";
import { shareTokenError, type ForwardConfig } from "./args";
import { CliError } from "./errors";
import { clock, deliveryLine } from "./format";
import type { ParsedFrame } from "./frames";
import { LocalTarget, type LocalOutcome } from "./local-target";
import { Pipeline, type Job } from "./pipeline";
import { resignLocally } from "./resign";
import { Reporter } from "./reporter";
import { describeRoutes, routeFor } from "./routes";
import { ForwarderStream } from "./stream";
import { Summary } from "./summary";

export interface Output {
  /** Delivery lines, the start-up line and the summary: stdout. */
  line(text: string): void;
  /** Connection trouble and anything else that is not a delivery: stderr. */
  notice(text: string): void;
}

type RequestFrame = Extract<StreamFrame, { t: "request" }>;
interface DeliveryJob extends Job {
  meta: RequestFrame;
  body: Buffer;
}

// Keys seen recently: a reconnect re-sends what was received but not yet reported.
const REMEMBERED_KEYS = 50_000;
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2000;
// On Ctrl+C or SIGTERM: deliveries in flight finish, reports are sent, within these bounds.
const STOP_IN_FLIGHT_MS = 10_000;
const STOP_REPORTS_MS = 5000;

/** One bin's stream, deliveries and reports. */
class BinSession {
  readonly api: BinApi;
  private readonly stream: ForwarderStream;
  private readonly pipeline: Pipeline<DeliveryJob>;
  private readonly reporter: Reporter;
  private readonly seen = new Set<string>();
  /** Since when the local app has been refusing connections; null while it answers. */
  private refusingSince: number | null = null;
  hello: Extract<StreamFrame, { t: "hello" }> | null = null;

  constructor(
    bin: ForwardConfig["bins"][number],
    private readonly config: ForwardConfig,
    private readonly local: LocalTarget,
    private readonly summary: Summary,
    private readonly output: Output,
    private readonly label: string,
    private readonly fatal: (error: CliError) => void,
    private readonly stopping: () => boolean,
  ) {
    this.api = new BinApi(bin.origin, bin.binId, bin.token);
    this.reporter = new Reporter(this.api, config.name, (text) => this.notice(text));
    this.pipeline = new Pipeline<DeliveryJob>(
      config.concurrency,
      (job) => this.deliver(job),
      (job, report, cursor) => this.reporter.add(report as ForwarderReport, cursor, job.meta.answer),
      (high) => (high ? this.stream.pause() : this.stream.resume()),
    );
    this.stream = new ForwarderStream(
      this.api,
      { forwarder: config.name, replayLast: config.replayLast, respondTimeoutMs: config.respondTimeoutMs },
      { onFrame: (frame) => this.onFrame(frame), onNotice: (text) => this.notice(text), onFatal: fatal },
    );
  }

  async start(): Promise<void> {
    const info = await startupCall(this.api, () => this.api.getBin());
    if (info.role !== "owner") throw shareTokenError();
    await this.stream.start();
  }

  /** Stops reading, lets deliveries in flight finish and reports them; returns how many reports stayed unsent. */
  async stop(): Promise<number> {
    this.stream.close();
    await Promise.race([this.pipeline.stop(), new Promise((resolve) => setTimeout(resolve, STOP_IN_FLIGHT_MS).unref())]);
    return this.reporter.flush(STOP_REPORTS_MS);
  }

  private notice(text: string): void {
    this.output.notice(`${clock(new Date())}  ${this.label}${text}`);
  }

  private onFrame({ meta, body }: ParsedFrame): void {
    switch (meta.t) {
      case "hello":
        this.hello = meta;
        return;
      case "dropped":
        this.summary.dropped += meta.count;
        this.notice(
          `WARNING: the server's retention removed ${meta.count} capture${meta.count === 1 ? "" : "s"} before they could be forwarded ` +
            `(${meta.total} in all for "${this.config.name}"): this forwarder fell more than FORWARD_BACKLOG_MAX behind.`,
        );
        return;
      case "request":
        if (this.seen.has(meta.key)) return;
        this.remember(meta.key);
        this.pipeline.push({ key: meta.key, sequence: meta.kind === "capture" ? meta.sequence : null, size: body.length, meta, body });
        return;
      default:
        return;
    }
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_KEYS) this.seen.delete(this.seen.values().next().value!);
  }

  /** Delivers one request, waiting out a local app that refuses connections (restarting) for up to --retry-for. */
  private async deliver({ meta, body: captured }: DeliveryJob): Promise<ForwarderReport> {
    let body = captured;
    const target = routeFor(this.config.routes, this.config.to, meta.path, meta.query);
    const base = { key: meta.key, requestId: meta.id, kind: meta.kind };
    if (target === null) {
      const error = { code: "no_route", message: `No --route takes ${meta.path || "/"}, and there is no --to.` };
      this.line(meta, { ok: false, error: { code: "other", message: error.message }, durationMs: 0, notSent: true });
      return { ...base, targetUrl: "(none)", status: null, durationMs: 0, error, ...(meta.answer ? { response: null } : {}) };
    }
    let url = new URL(target);
    let headers = meta.headers;
    let resigned: ForwarderReport["resigned"];
    if (this.config.resign) {
      const signed = resignLocally(this.config.resign, { method: meta.method, url: url.href, headers, body });
      if (!signed.ok) {
        const error = { code: "resign_refused", message: signed.message };
        this.line(meta, { ok: false, error: { code: "other", message: error.message }, durationMs: 0, notSent: true });
        return { ...base, targetUrl: redactUrl(url).slice(0, 2048), status: null, durationMs: 0, error, ...(meta.answer ? { response: null } : {}) };
      }
      url = new URL(signed.request.url);
      headers = signed.request.headers;
      body = Buffer.from(signed.request.body.buffer, signed.request.body.byteOffset, signed.request.body.byteLength);
      resigned = signed.summary;
    }
    let delay = RETRY_FIRST_MS;
    let outcome: LocalOutcome;
    for (;;) {
      outcome = await this.local.send({ method: meta.method, url, headers, body, timeoutMs: this.config.timeoutMs, keepAnswer: meta.answer });
      if (outcome.ok || !outcome.notSent) break;
      const now = Date.now();
      if (this.refusingSince === null) {
        this.refusingSince = now;
        if (this.config.retryForMs > 0)
          this.notice(`Waiting for ${url.origin}: ${outcome.error.message} Retrying for up to ${this.config.retryForMs / 1000} s.`);
      }
      // The window counts from when the app started refusing, not per request: once it has passed,
      // each request fails at once (and is reported) until the app answers again.
      if (this.stopping() || now - this.refusingSince + delay > this.config.retryForMs) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(RETRY_MAX_MS, delay * 2);
    }
    if (outcome.ok && this.refusingSince !== null) {
      this.refusingSince = null;
      if (this.config.retryForMs > 0) this.notice(`${url.origin} answers again.`);
    }
    this.line(meta, outcome, resigned ? `  (re-signed: ${resigned.scheme})` : "");
    return { ...base, targetUrl: redactUrl(url).slice(0, 2048), ...toResult(outcome, meta.answer), ...(resigned ? { resigned } : {}) };
  }

  private line(meta: RequestFrame, outcome: LocalOutcome, extra = ""): void {
    this.summary.count(meta.kind, outcome);
    if (this.stopping() || (this.config.quiet && outcome.ok)) return;
    const note = meta.kind === "push" ? "  (sent from the inspector)" : meta.kind === "replay" ? "  (replay)" : meta.answer ? "  (answered the sender)" : "";
    this.output.line(`${this.label}${deliveryLine(meta, outcome, note + extra)}`);
  }
}

function toResult(outcome: LocalOutcome, answer: boolean): Pick<ForwarderReport, "status" | "durationMs" | "error" | "response"> {
  const durationMs = Math.min(3_600_000, Math.max(0, Math.round(outcome.durationMs)));
  if (outcome.ok && outcome.status >= 100 && outcome.status <= 599) {
    return {
      status: outcome.status,
      durationMs,
      error: null,
      ...(answer ? { response: { headers: outcome.headers, bodyBase64: (outcome.body ?? Buffer.alloc(0)).toString("base64") } } : {}),
    };
  }
  const error = outcome.ok
    ? { code: "invalid_status", message: `The target answered with status ${outcome.status}, which is not valid HTTP.` }
    : { code: outcome.error.code, message: outcome.error.message.slice(0, 1000) };
  return { status: null, durationMs, error, ...(answer ? { response: null } : {}) };
}

/**
 * `hookscope forward`: resolves when stopped by SIGINT or SIGTERM, rejects with a CliError when it
 * cannot start or cannot go on.
 */
export async function runForward(config: ForwardConfig, output: Output): Promise<void> {
  const signal = untilSignal();
  const signalled = signal.received;
  let stopping = false;
  let fail: (error: CliError) => void = () => {};
  const fatal = new Promise<never>((_, reject) => (fail = reject));
  fatal.catch(() => {});
  const local = new LocalTarget(config.concurrency);
  const summary = new Summary();
  const several = config.bins.length > 1;
  const sessions = config.bins.map(
    (bin) =>
      new BinSession(
        bin,
        config,
        local,
        summary,
        output,
        several ? `[${bin.binId}] ` : "",
        (error) => fail(error),
        () => stopping,
      ),
  );
  try {
    const started = await Promise.race([Promise.all(sessions.map((session) => session.start())).then(() => true), signalled.then(() => false), fatal]);
    if (!started) return;
    for (const session of sessions) {
      const hello = session.hello!;
      const behind = Math.max(0, hello.newest - hello.cursor);
      output.line(
        `Forwarding new requests of bin ${session.api.binId} (${session.api.origin}) as "${hello.name}": ${describeRoutes(config.routes, config.to)}` +
          `${config.concurrency > 1 ? `, ${config.concurrency} at a time (order not kept)` : ", one at a time in capture order"}` +
          `${config.respondTimeoutMs > 0 ? `; senders get your app's answer (waiting up to ${config.respondTimeoutMs / 1000} s)` : ""}; Ctrl+C to stop.`,
      );
      if (behind > 0) output.line(`Catching up first: ${behind} capture${behind === 1 ? "" : "s"} arrived since "${hello.name}" last delivered.`);
      if (config.replayLast > 0) output.line(`Re-sending the last ${config.replayLast} captures first.`);
      if (hello.dropped > 0) {
        output.notice(
          `WARNING: retention has removed ${hello.dropped} capture${hello.dropped === 1 ? "" : "s"} before "${hello.name}" delivered them (last at ${hello.droppedAt}).`,
        );
      }
    }
    summary.start();
    await Promise.race([signalled, fatal]);
  } finally {
    stopping = true;
    const unsent = (await Promise.all(sessions.map((session) => session.stop()))).reduce((sum, n) => sum + n, 0);
    local.close();
    signal.dispose();
    if (unsent > 0)
      output.notice(
        `${unsent} delivery report${unsent === 1 ? " was" : "s were"} not sent to the inspector; those requests will be forwarded again next time.`,
      );
    if (summary.started) output.line(summary.text(config.name));
  }
}

/** A call made before forwarding starts: failures there are configuration problems. */
async function startupCall<T>(api: BinApi, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UnreachableError) throw new CliError(`${error.message.replace(/\.$/, "")}; is the link right and the server running?`);
    // The server answers a wrong token exactly like an unknown bin, so both are named.
    if (error instanceof ApiError && error.status === 404) throw new CliError(`Bin ${api.binId} was not found at ${api.origin}, or the token is wrong.`);
    if (error instanceof ApiError) throw new CliError(`${api.origin} answered ${error.status}: ${error.message}`);
    throw error;
  }
}

/** Ctrl+C or SIGTERM; `dispose` gives the signals back (main() may run again in the same process, as in tests). */
function untilSignal(): { received: Promise<void>; dispose: () => void } {
  let resolve: () => void = () => {};
  const received = new Promise<void>((done) => (resolve = done));
  const onSignal = () => resolve();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    received,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
