import { randomBytes } from "node:crypto";
import type { ReplayEdits, StreamFrame } from "@/lib/shared/api-types";
import type { BinRecord } from "@/lib/server/queries/bins";
import * as forwarders from "@/lib/server/queries/forwarders";
import { tailForForwarder, type TailRow } from "@/lib/server/queries/hot-store";
import { getRequest, lastSequences, type CapturedRequestRecord } from "@/lib/server/queries/requests";
import { publish, subscribe } from "@/lib/server/realtime/bus";
import { forwarderKey } from "@/lib/server/services/forwarders";

/** Where frames go: the HTTP response, seen through what the loop needs of it. */
export interface FrameSink {
  /** False when the socket's buffer is full: wait for `drained` before writing more. */
  write(chunk: Buffer): boolean;
  drained(): Promise<void>;
  /** Group the writes of one batch into few packets. */
  cork(): void;
  uncork(): void;
  readonly closed: boolean;
  onClose(listener: () => void): void;
  end(): void;
}

export interface StreamOptions {
  /** Re-send the bin's last N captures first (they do not move the cursor). */
  replayLast: number;
  /** > 0: captures wait this long for this forwarder's local answer (`--respond`). */
  respondTimeoutMs: number;
}

// A batch is bounded by rows and bytes, so a backlog of large bodies never sits in memory at once.
const BATCH_ROWS = 200;
const BATCH_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 10_000;
// Three missed heartbeats: the CLI is gone (a killed process, a dropped network) even if no FIN came.
const LEASE_MS = 3 * HEARTBEAT_MS;
// A safety net only: captures wake the loop at once, here or through the cluster relay.
const IDLE_RECHECK_MS = 2000;

const openStreams = new Set<ForwardStream>();
const streamsByBin = new Map<string, Set<ForwardStream>>();

function frame(meta: StreamFrame, body?: Buffer): Buffer {
  const head = Buffer.from(`${JSON.stringify(meta)}\n`);
  return body && body.length > 0 ? Buffer.concat([head, body]) : head;
}

function requestFrame(row: TailRow, kind: "capture" | "replay" | "push", key: string, answer: boolean, edits: ReplayEdits = {}): Buffer {
  const body = edits.bodyBase64 !== undefined ? Buffer.from(edits.bodyBase64, "base64") : row.body;
  return frame(
    {
      t: "request",
      kind,
      key,
      sequence: row.sequence,
      id: row.id,
      method: edits.method ?? row.method,
      path: row.path,
      query: row.query,
      headers: edits.headers ?? row.headers,
      receivedAt: row.receivedAt.toISOString(),
      answer,
      size: body.length,
    },
    body,
  );
}

/**
 * One open `hookscope forward` stream: every capture of the bin after the forwarder's cursor, in
 * capture order, pushed as soon as it is committed, then pings. Sequence numbers are taken inside
 * the capture transaction, under the bin's row lock, so a sequence is visible only once every lower
 * one is: reading "after the last sequence sent" never skips a capture that commits late.
 */
class ForwardStream {
  private readonly connectionId = randomBytes(8).toString("hex");
  private sentSequence: number;
  private toldDropped: number;
  private wake: (() => void) | null = null;
  private dirty = true;
  private dropsPending = false;
  private readonly pushes: { key: string; requestId: string; edits: ReplayEdits }[] = [];
  private replaced = false;
  /** True while the loop waits for news: only then may a fresh capture be written from outside it. */
  private waiting = false;
  private mustDrain = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly bin: BinRecord,
    private readonly forwarder: forwarders.ForwarderRecord,
    private readonly options: StreamOptions,
    private readonly sink: FrameSink,
  ) {
    this.sentSequence = forwarder.cursor;
    this.toldDropped = forwarder.dropped;
  }

  async run(): Promise<void> {
    openStreams.add(this);
    const siblings = streamsByBin.get(this.bin.id) ?? new Set();
    siblings.add(this);
    streamsByBin.set(this.bin.id, siblings);
    this.listen();
    try {
      // Any other connection of this forwarder, here or on another instance, lets go.
      publish("forwarder.takeover", { forwarderId: this.forwarder.id, connectionId: this.connectionId });
      this.send(
        frame({
          t: "hello",
          forwarderId: this.forwarder.id,
          name: this.forwarder.name,
          cursor: this.forwarder.cursor,
          newest: this.bin.captureCount,
          dropped: this.forwarder.dropped,
          droppedAt: this.forwarder.droppedAt?.toISOString() ?? null,
          size: 0,
        }),
      );
      await this.heartbeat();
      publish("forwarder.changed", { binId: this.bin.id });
      await this.replayLast();
      while (!this.sink.closed) {
        await this.sendPushes();
        await this.sendDrops();
        const more = await this.sendCaptures();
        if (!more && !this.sink.closed) await this.idle();
      }
    } finally {
      openStreams.delete(this);
      siblings.delete(this);
      if (siblings.size === 0 && streamsByBin.get(this.bin.id) === siblings) streamsByBin.delete(this.bin.id);
      this.cleanups.forEach((cleanup) => cleanup());
      if (!this.replaced) await this.disconnect();
    }
  }

  /** Ends the stream with a reason the CLI shows (it reconnects after "shutdown", not after the others). */
  end(reason: Extract<StreamFrame, { t: "end" }>["reason"], message: string): void {
    if (this.sink.closed) return;
    this.send(frame({ t: "end", reason, message, size: 0 }));
    this.sink.end();
    this.wakeUp();
  }

  private listen(): void {
    const binId = this.bin.id;
    this.cleanups.push(
      // Captures on other instances arrive through the relay; those here come through offer().
      subscribe("request.captured", (summary, origin) => origin.remote && summary.binId === binId && this.wakeUp()),
      subscribe("forwarder.dropped", (event) => {
        if (event.binId !== binId) return;
        this.dropsPending = true;
        this.wakeUp();
      }),
      subscribe("forwarder.push", (push) => {
        if (push.forwarderId !== this.forwarder.id) return;
        this.pushes.push(push);
        this.wakeUp();
      }),
      subscribe("forwarder.takeover", ({ forwarderId, connectionId }) => {
        if (forwarderId !== this.forwarder.id || connectionId === this.connectionId) return;
        if (connectionId === null) return this.end("forwarder_deleted", `Forwarder "${this.forwarder.name}" was deleted in the inspector.`);
        this.replaced = true;
        this.end("replaced", `Another hookscope forward connected as "${this.forwarder.name}" and took over.`);
      }),
      subscribe("bin.deleted", (event) => event.binId === binId && this.end("bin_deleted", `Bin ${binId} was deleted.`)),
    );
    const timer = setInterval(() => void this.heartbeat().catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    this.cleanups.push(() => clearInterval(timer));
    this.sink.onClose(() => this.wakeUp());
  }

  private wakeUp(): void {
    this.dirty = true;
    this.wake?.();
  }

  private async idle(): Promise<void> {
    if (this.dirty) return;
    this.waiting = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_RECHECK_MS);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.waiting = false;
    this.wake = null;
    if (this.mustDrain && !this.sink.closed) await this.sink.drained();
    this.mustDrain = false;
  }

  /**
   * A capture of this bin just committed on this instance: when it is the very next one and the
   * loop is waiting, it goes out at once, with no read back from the database (the common case,
   * and the one latency is measured on). Anything else wakes the loop, which reads what is due.
   */
  offer(row: TailRow): void {
    if (!this.waiting || this.dirty || this.sink.closed || row.sequence !== this.sentSequence + 1) return this.wakeUp();
    if (!this.send(requestFrame(row, "capture", forwarderKey(this.forwarder.id, row.id), this.options.respondTimeoutMs > 0))) {
      this.mustDrain = true;
      this.wakeUp();
    }
    this.sentSequence = row.sequence;
  }

  private async heartbeat(): Promise<void> {
    if (this.sink.closed) return;
    const now = new Date();
    const until = new Date(now.getTime() + LEASE_MS);
    await forwarders.setConnectedUntil(this.forwarder.id, until, now);
    if (this.options.respondTimeoutMs > 0) await forwarders.setResponder(this.bin.id, until, this.options.respondTimeoutMs);
    this.send(frame({ t: "ping", size: 0 }));
  }

  private async disconnect(): Promise<void> {
    const now = new Date();
    await forwarders.setConnectedUntil(this.forwarder.id, null, now).catch(() => undefined);
    if (this.options.respondTimeoutMs > 0) await forwarders.setResponder(this.bin.id, null, 0).catch(() => undefined);
    publish("forwarder.changed", { binId: this.bin.id });
  }

  private send(chunk: Buffer): boolean {
    return this.sink.closed ? false : this.sink.write(chunk);
  }

  private async sendCaptures(): Promise<boolean> {
    this.dirty = false;
    const rows = await tailForForwarder(this.bin.id, this.forwarder.id, this.sentSequence, { rows: BATCH_ROWS, bytes: BATCH_BYTES });
    if (rows.length === 0) return false;
    const answer = this.options.respondTimeoutMs > 0;
    this.sink.cork();
    let full = false;
    for (const row of rows) {
      full = !this.send(requestFrame(row, "capture", forwarderKey(this.forwarder.id, row.id), answer));
      this.sentSequence = row.sequence;
    }
    this.sink.uncork();
    // Backpressure: a slow CLI (or network) holds the loop here instead of filling memory.
    if (full && !this.sink.closed) await this.sink.drained();
    return true;
  }

  private async replayLast(): Promise<void> {
    if (this.options.replayLast <= 0) return;
    const sequences = await lastSequences(this.bin.id, this.options.replayLast);
    for (const { id } of sequences) {
      if (this.sink.closed) return;
      const row = await getRequest(this.bin.id, id);
      if (!row) continue;
      const full = !this.send(
        requestFrame({ ...row, body: Buffer.from(row.body) }, "replay", forwarderKey(this.forwarder.id, `replay-${this.connectionId}-${id}`), false),
      );
      if (full) await this.sink.drained();
    }
  }

  private async sendPushes(): Promise<void> {
    while (this.pushes.length > 0 && !this.sink.closed) {
      const push = this.pushes.shift()!;
      const row = await getRequest(this.bin.id, push.requestId);
      if (!row) continue;
      this.send(requestFrame({ ...row, body: Buffer.from(row.body) }, "push", push.key, true, push.edits));
    }
  }

  private async sendDrops(): Promise<void> {
    if (!this.dropsPending) return;
    this.dropsPending = false;
    const current = await forwarders.getForwarderById(this.forwarder.id);
    if (!current || current.dropped <= this.toldDropped) return;
    this.send(frame({ t: "dropped", count: current.dropped - this.toldDropped, total: current.dropped, size: 0 }));
    this.toldDropped = current.dropped;
  }
}

/**
 * Opens (creating on first use) the named forwarder of a bin and streams to it until the client
 * goes away or another connection takes the name over. A new forwarder starts after the bin's
 * newest capture; a known one resumes after its cursor.
 */
export async function runForwardStream(bin: BinRecord, name: string, options: StreamOptions, sink: FrameSink): Promise<void> {
  const now = new Date();
  const forwarder =
    (await forwarders.findForwarder(bin.id, name)) ??
    (await forwarders.createForwarder({ id: randomBytes(10).toString("hex"), binId: bin.id, name, cursor: bin.captureCount, lastSeenAt: now }));
  await new ForwardStream(bin, forwarder, options, sink).run();
}

/** Hands a capture committed here to the bin's open streams (see ForwardStream.offer). */
export function offerToStreams(record: CapturedRequestRecord): void {
  const streams = streamsByBin.get(record.binId);
  if (!streams) return;
  const row: TailRow = { ...record, body: Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength) };
  for (const stream of streams) stream.offer(row);
}

/** On shutdown: every open stream is told to reconnect (to another instance, or to this one restarted). */
export function endAllStreams(): void {
  for (const stream of openStreams) stream.end("shutdown", "The Hookscope server is shutting down.");
}
