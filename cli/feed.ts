import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, JoinBinAck, RequestSummary, ServerToClientEvents } from "@/lib/api-types";
import { CliError } from "./errors";

export interface FeedHandlers {
  /** Where a (re-)join catches up from: the newest id already queued or delivered. */
  after(): string | null;
  /** New requests, oldest first. Ids may repeat ones seen before; the receiver drops those. */
  onRequests(summaries: RequestSummary[]): void;
  onDeleted(requestId: string): void;
  /** Every request of the bin was deleted in the inspector: nothing queued can be fetched any more. */
  onCleared(): void;
  /** Everything newer than `after`, oldest first, for a gap longer than a join answer holds. */
  newerThan(after: string): Promise<RequestSummary[]>;
  /** Connection trouble and recovery, for stderr. */
  onNotice(message: string): void;
  /** The feed cannot go on (the bin was deleted, the token stopped working). */
  onFatal(error: CliError): void;
}

type FeedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const JOIN_TIMEOUT_MS = 10_000;
const RETRY_DELAY_MS = 1000;
// The bin was checked over HTTP just before, so a socket that never opens is a proxy refusing WebSockets.
const FIRST_CONNECT_TIMEOUT_MS = 15_000;

/**
 * The bin's live `request:new` events over socket.io, with nothing lost across drops: every
 * (re)connect joins with `after` = the newest id handled, takes what the server says was missed,
 * and holds back live events until that catch-up is handed over, so order stays capture order.
 */
export class LiveFeed {
  private readonly socket: FeedSocket;
  /** Bumped on every connect and disconnect: a catch-up from an older connection is discarded. */
  private generation = 0;
  /** Live events that arrived while catching up; null when not catching up. */
  private held: RequestSummary[] | null = null;
  private joinedOnce = false;
  private lostAt: number | null = null;
  private closed = false;
  private complainedOfConnecting = false;
  private readonly firstJoin = deferred();

  constructor(
    private readonly origin: string,
    private readonly binId: string,
    private readonly token: string,
    private readonly handlers: FeedHandlers,
  ) {
    this.socket = io(origin, {
      transports: ["websocket"],
      autoConnect: false,
      reconnectionDelay: 250,
      reconnectionDelayMax: 3000,
    });
    this.socket.on("connect", () => void this.catchUp());
    this.socket.on("disconnect", (reason) => this.onDisconnect(reason));
    this.socket.on("connect_error", (error) => this.onConnectError(error));
    this.socket.on("request:new", (summary) => {
      if (summary.binId !== this.binId) return;
      if (this.held) this.held.push(summary);
      else this.handlers.onRequests([summary]);
    });
    this.socket.on("request:deleted", ({ binId, requestId }) => {
      if (binId === this.binId) this.handlers.onDeleted(requestId);
    });
    this.socket.on("bin:cleared", ({ binId }) => {
      if (binId === this.binId) this.handlers.onCleared();
    });
    this.socket.on("bin:deleted", ({ binId }) => {
      if (binId === this.binId) this.handlers.onFatal(new CliError(`Bin ${binId} was deleted; nothing more will arrive.`));
    });
  }

  /** Resolves once joined and the first catch-up is handed over. */
  start(): Promise<void> {
    this.socket.connect();
    const timer = setTimeout(() => {
      this.firstJoin.reject(
        new CliError(`Could not open a live connection (WebSocket) to ${this.origin} within 15 s; is a proxy blocking WebSockets?`),
      );
    }, FIRST_CONNECT_TIMEOUT_MS);
    return this.firstJoin.promise.finally(() => clearTimeout(timer));
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private async catchUp(): Promise<void> {
    const generation = ++this.generation;
    const held: RequestSummary[] = [];
    this.held = held;
    const after = this.handlers.after();
    try {
      const ack: JoinBinAck = await this.socket
        .timeout(JOIN_TIMEOUT_MS)
        .emitWithAck("bin:join", { binId: this.binId, token: this.token, after });
      if (!ack.ok) return this.refused(ack.error, generation);
      let caughtUp = ack.missed;
      if (ack.truncated) {
        const last = ack.missed.at(-1)?.id ?? after;
        if (last) caughtUp = caughtUp.concat(await this.handlers.newerThan(last));
      }
      if (generation !== this.generation) return;
      this.held = null;
      this.handlers.onRequests(inCaptureOrder([...caughtUp, ...held]));
      this.announceRecovery(caughtUp.length);
    } catch (error) {
      if (generation !== this.generation || this.closed) return;
      this.handlers.onNotice(`Could not catch up with ${this.origin} (${describe(error)}); retrying.`);
      this.restart();
    }
  }

  private refused(error: { code: string; message: string }, generation: number): void {
    if (generation !== this.generation) return;
    if (error.code === "bin_not_found") {
      const fatal = new CliError(`Bin ${this.binId} is gone (deleted or expired), or its owner token no longer works.`);
      if (this.joinedOnce) this.handlers.onFatal(fatal);
      else this.firstJoin.reject(fatal);
      return;
    }
    this.handlers.onNotice(`The server refused to join bin ${this.binId}: ${error.message} Retrying.`);
    this.restart();
  }

  private announceRecovery(caughtUp: number): void {
    if (!this.joinedOnce) {
      this.joinedOnce = true;
      this.firstJoin.resolve();
      return;
    }
    const downFor = this.lostAt === null ? "" : ` after ${((Date.now() - this.lostAt) / 1000).toFixed(1)} s`;
    this.lostAt = null;
    this.handlers.onNotice(`Reconnected${downFor}; ${caughtUp} request${caughtUp === 1 ? "" : "s"} captured meanwhile.`);
  }

  private onDisconnect(reason: string): void {
    this.generation++;
    this.held = null;
    if (this.closed) return;
    if (this.joinedOnce && this.lostAt === null) {
      this.lostAt = Date.now();
      this.handlers.onNotice(`Connection to ${this.origin} lost (${reason}); reconnecting…`);
    }
    // socket.io retries by itself except when the server (or this code) ended the session on purpose.
    if (reason === "io server disconnect" || reason === "io client disconnect") {
      setTimeout(() => this.closed || this.socket.connect(), RETRY_DELAY_MS);
    }
  }

  private onConnectError(error: Error): void {
    if (this.joinedOnce || this.complainedOfConnecting) return;
    this.complainedOfConnecting = true;
    this.handlers.onNotice(`Cannot open a live connection to ${this.origin} (${error.message}); retrying.`);
  }

  /** A fresh connection, so the next join starts from a clean state. */
  private restart(): void {
    this.socket.disconnect();
  }
}

// Promise.withResolvers arrives only in Node 22.
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function inCaptureOrder(summaries: RequestSummary[]): RequestSummary[] {
  return [...summaries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
