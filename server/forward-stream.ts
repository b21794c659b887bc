import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError, ValidationError, errorMessage } from "@/lib/shared/errors";
import { authorizeCaller } from "@/lib/server/services/access";
import { callerFromToken } from "@/lib/server/auth/caller";
import { runForwardStream, type FrameSink } from "@/lib/server/services/forward-stream";
import { checkForwarderName } from "@/lib/server/services/forwarders";

const STREAM_PATH = /^\/api\/bins\/([^/?]+)\/forwarders\/([^/?]+)\/stream(?:\?|$)/;
const MAX_REPLAY = 1000;
const MAX_RESPOND_TIMEOUT_MS = 60_000;

export function matchStreamUrl(url: string | undefined): { binId: string; name: string } | null {
  const match = url ? STREAM_PATH.exec(url) : null;
  if (!match) return null;
  try {
    return { binId: decodeURIComponent(match[1]!), name: decodeURIComponent(match[2]!) };
  } catch {
    return { binId: "", name: "" };
  }
}

function integerParam(params: URLSearchParams, name: string, max: number): number {
  const raw = params.get(name) ?? "0";
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new ValidationError(`"${name}" must be a whole number from 0 to ${max}.`);
  return Number(raw);
}

function sinkFor(res: ServerResponse): FrameSink {
  return {
    write: (chunk) => res.write(chunk),
    drained: () =>
      new Promise((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.once("drain", done);
        res.once("close", done);
      }),
    cork: () => res.cork(),
    uncork: () => res.uncork(),
    get closed() {
      return res.destroyed || res.writableEnded;
    },
    onClose: (listener) => res.once("close", listener),
    end: () => res.end(),
  };
}

/**
 * `GET /api/bins/<binId>/forwarders/<name>/stream`: the long-lived feed `hookscope forward` reads.
 * Served here rather than by Next: a stream per developer stays open for hours, and each frame is
 * written straight to the socket with backpressure.
 */
export async function handleForwardStream(req: IncomingMessage, res: ServerResponse, target: { binId: string; name: string }): Promise<void> {
  try {
    if (req.method !== "GET") throw new DomainError("method_not_allowed", "The forward stream is read with GET.", 405);
    const params = new URL(req.url ?? "/", "http://local").searchParams;
    const header = req.headers.authorization;
    const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    const { bin } = await authorizeCaller(target.binId, token ? await callerFromToken(token) : { kind: "anonymous" }, "operate");
    const name = checkForwarderName(target.name);
    const options = {
      replayLast: integerParam(params, "replayLast", MAX_REPLAY),
      respondTimeoutMs: integerParam(params, "respondTimeoutMs", MAX_RESPOND_TIMEOUT_MS),
    };
    res.writeHead(200, {
      "Content-Type": "application/vnd.hookscope.stream",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // Proxies that buffer (nginx) would hold frames back; this asks them not to.
      "X-Accel-Buffering": "no",
    });
    res.socket?.setNoDelay(true);
    await runForwardStream(bin, name, options, sinkFor(res));
  } catch (error) {
    if (res.headersSent) {
      console.error("forward stream: ended by an error:", errorMessage(error));
      res.destroy();
      return;
    }
    const known = error instanceof DomainError;
    if (!known) console.error("forward stream: unexpected error:", error);
    const body = JSON.stringify({
      error: known ? { code: error.code, message: error.message } : { code: "internal_error", message: "The forward stream could not be opened." },
    });
    res.writeHead(known ? error.status : 500, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
    });
    res.end(body);
  }
}
