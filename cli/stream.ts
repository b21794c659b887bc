import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { StreamFrame } from "@/lib/shared/api-types";
import { ApiError, apiError, isTransient, UnreachableError, type BinApi } from "./api";
import { CliError } from "./errors";
import { FrameParser, type ParsedFrame } from "./frames";
import { errorMessage } from "@/lib/shared/errors";

export interface StreamHandlers {
  onFrame(frame: ParsedFrame): void;
  /** Connection trouble and recovery, for stderr. */
  onNotice(message: string): void;
  /** The stream cannot go on (the bin or the forwarder was deleted, another CLI took over, the token stopped working). */
  onFatal(error: CliError): void;
}

export interface StreamOptions {
  forwarder: string;
  replayLast: number;
  respondTimeoutMs: number;
}

// The server pings every 10 s: three missed pings mean the connection is dead even without a FIN.
const SILENCE_MS = 35_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 3000;

/**
 * The forwarder's stream, kept open: after a drop it reconnects, and the server resumes after the
 * cursor it holds. Frames that arrive twice across a reconnect carry the same key; the receiver
 * drops those. `pause` stops reading, so the server's writes block instead of our memory growing.
 */
export class ForwarderStream {
  private response: IncomingMessage | null = null;
  private request: http.ClientRequest | null = null;
  private closed = false;
  private paused = false;
  private replayLast: number;
  private silence: NodeJS.Timeout | null = null;
  private retryDelay = FIRST_RETRY_MS;
  private outageSince: number | null = null;
  private readonly firstHello: Promise<void>;
  private helloed: () => void = () => {};
  private failFirst: (error: unknown) => void = () => {};

  constructor(
    private readonly api: BinApi,
    private readonly options: StreamOptions,
    private readonly handlers: StreamHandlers,
  ) {
    this.replayLast = options.replayLast;
    this.firstHello = new Promise((resolve, reject) => {
      this.helloed = resolve;
      this.failFirst = reject;
    });
  }

  /** Connects; resolves at the first hello, rejects when the very first connection is refused. */
  start(): Promise<void> {
    this.connect();
    return this.firstHello;
  }

  pause(): void {
    this.paused = true;
    this.response?.pause();
  }

  resume(): void {
    this.paused = false;
    this.response?.resume();
  }

  close(): void {
    this.closed = true;
    this.clearSilence();
    this.request?.destroy();
  }

  private connect(): void {
    if (this.closed) return;
    const query = new URLSearchParams({ replayLast: String(this.replayLast), respondTimeoutMs: String(this.options.respondTimeoutMs) });
    const url = new URL(this.api.streamUrl(this.options.forwarder, query));
    const transport = url.protocol === "https:" ? https : http;
    const parser = new FrameParser();
    const request = transport.request(url, {
      method: "GET",
      agent: false,
      headers: { Authorization: `Bearer ${this.api.token}`, Accept: "application/vnd.hookscope.stream" },
    });
    this.request = request;
    request.setNoDelay(true);
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => this.fail(apiError(response.statusCode ?? 0, response.statusMessage ?? "", text)));
        response.on("error", () => this.fail(new UnreachableError("the connection dropped")));
        return;
      }
      this.response = response;
      if (this.paused) response.pause();
      this.armSilence();
      response.on("data", (chunk: Buffer) => {
        this.armSilence();
        let frames: ParsedFrame[];
        try {
          frames = parser.push(chunk);
        } catch (error) {
          this.handlers.onFatal(new CliError(errorMessage(error)));
          this.close();
          return;
        }
        for (const frame of frames) this.onFrame(frame);
      });
      response.on("end", () => this.dropped("the server ended the stream"));
      response.on("error", () => this.dropped("the connection dropped"));
      response.on("close", () => this.dropped("the connection closed"));
    });
    request.on("error", (error) => this.fail(new UnreachableError((error as { code?: string }).code ?? error.message)));
    request.end();
  }

  private onFrame(frame: ParsedFrame): void {
    const meta: StreamFrame = frame.meta;
    if (meta.t === "hello") {
      // --replay-last is for the first connection only; a reconnect resumes after the cursor.
      this.replayLast = 0;
      this.retryDelay = FIRST_RETRY_MS;
      if (this.outageSince !== null) {
        this.handlers.onNotice(`Connected again after ${((Date.now() - this.outageSince) / 1000).toFixed(1)} s; catching up on what arrived meanwhile.`);
        this.outageSince = null;
      }
      this.helloed();
    }
    if (meta.t === "end") {
      if (meta.reason === "shutdown") {
        this.dropped(meta.message);
        return;
      }
      this.handlers.onFatal(new CliError(meta.message));
      this.close();
      return;
    }
    this.handlers.onFrame(frame);
  }

  private fail(error: ApiError | UnreachableError): void {
    if (this.closed) return;
    if (!isTransient(error)) {
      const fatal =
        error instanceof ApiError && error.status === 404
          ? new CliError(`Bin ${this.api.binId} was not found at ${this.api.origin}, or the token is wrong.`)
          : new CliError(`${this.api.origin} answered ${(error as ApiError).status}: ${error.message}`);
      this.failFirst(fatal);
      this.handlers.onFatal(fatal);
      this.close();
      return;
    }
    this.dropped(error.message);
  }

  private dropped(reason: string): void {
    if (this.closed) return;
    this.clearSilence();
    const request = this.request;
    this.request = null;
    this.response = null;
    if (request === null) return;
    request.destroy();
    if (this.outageSince === null) {
      this.outageSince = Date.now();
      this.handlers.onNotice(`Lost the connection to ${this.api.origin} (${reason}); reconnecting. Nothing is lost: the server keeps what arrives.`);
    }
    const delay = this.retryDelay;
    this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay * 2);
    setTimeout(() => this.connect(), delay);
  }

  private armSilence(): void {
    this.clearSilence();
    this.silence = setTimeout(() => this.dropped(`nothing heard for ${SILENCE_MS / 1000} s`), SILENCE_MS);
  }

  private clearSilence(): void {
    if (this.silence) clearTimeout(this.silence);
    this.silence = null;
  }
}
