import type { RequestSummary } from "@/lib/api-types";
import { redactUrl } from "@/lib/outbound/target-url";
import { ApiError, BinApi, UnreachableError } from "./api";
import { shareTokenError, type ForwardConfig } from "./args";
import { CliError } from "./errors";
import { LiveFeed } from "./feed";
import { clock } from "./format";
import { DeliveryQueue } from "./queue";
import { Reporter } from "./reporter";
import { untilDone } from "./retry";
import { forwardInOrder } from "./worker";

export interface Output {
  /** Delivery lines and the start-up line: stdout. */
  line(text: string): void;
  /** Connection trouble and anything else that is not a delivery: stderr. */
  notice(text: string): void;
}

// Sorts before every request id: joining with it on an empty bin still returns what arrives
// between checking the bin and joining.
const BEFORE_ANY_ID = "0".repeat(22);

/**
 * `hookscope forward`: resolves when stopped by SIGINT or SIGTERM, rejects with a CliError when it
 * cannot start or cannot go on.
 */
export async function runForward(config: ForwardConfig, output: Output): Promise<void> {
  const signalled = untilSignal();
  const api = new BinApi(config.origin, config.binId, config.token);
  const start = await Promise.race([prepare(api, config.replayLast), signalled]);
  if (!start) return;
  const { replay, newest } = start;
  const queue = new DeliveryQueue(newest);
  queue.push(replay);

  let stopped = false;
  let fail: (error: unknown) => void = () => {};
  const fatal = new Promise<never>((_, reject) => (fail = reject));
  // It may fail before anything awaits it (during the first join); it is raced below.
  fatal.catch(() => {});
  const notice = (text: string) => output.notice(`${clock(new Date())}  ${text}`);
  const feed = new LiveFeed(config.origin, config.binId, config.token, {
    after: () => queue.newest,
    onRequests: (summaries) => queue.push(summaries),
    onDeleted: (requestId) => queue.remove(requestId),
    onCleared: () => queue.clear(),
    newerThan: (after) => untilDone(() => api.newerThan(after), { stopped: () => stopped }),
    onNotice: notice,
    onFatal: (error) => fail(error),
  });
  const reporter = new Reporter(api, notice);

  try {
    if ((await Promise.race([feed.start().then(() => "joined" as const), signalled])) !== "joined") return;
    if (!config.quiet) {
      output.line(`Forwarding new requests of bin ${config.binId} (${config.origin}) to ${redactUrl(config.to)}; Ctrl+C to stop.`);
      if (replay.length > 0) output.line(`Re-sending the last ${replay.length} capture${replay.length === 1 ? "" : "s"} first.`);
    }
    const work = forwardInOrder(queue, { ...config, api, reporter, line: output.line, notice, stopped: () => stopped });
    await Promise.race([signalled, fatal, work]);
  } finally {
    stopped = true;
    feed.close();
    const unsent = await reporter.flush(1500);
    if (unsent > 0) notice(`${unsent} delivery report${unsent === 1 ? " was" : "s were"} not sent to the inspector.`);
  }
}

/**
 * Checks the bin and token, then finds what to re-send first and where live forwarding starts:
 * after the newest request that exists now.
 */
async function prepare(api: BinApi, replayLast: number): Promise<{ replay: RequestSummary[]; newest: string }> {
  const bin = await startupCall(api, () => api.getBin());
  if (bin.role !== "owner") throw shareTokenError();
  const replay = replayLast > 0 ? await startupCall(api, () => api.latest(replayLast)) : [];
  const newest = replay.at(-1)?.id ?? (await startupCall(api, () => api.latest(1)))[0]?.id ?? BEFORE_ANY_ID;
  return { replay, newest };
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

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
