import { connect } from "node:net";
import type { CreatedBin } from "@/lib/shared/api-types";

export async function createBin(baseUrl: string): Promise<CreatedBin> {
  const response = await fetch(`${baseUrl}/api/bins`, { method: "POST" });
  if (response.status !== 201) throw new Error(`POST /api/bins answered ${response.status}`);
  return (await response.json()) as CreatedBin;
}

export function authorized(token: string): { headers: Record<string, string> } {
  return { headers: { Authorization: `Bearer ${token}` } };
}

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends bytes exactly as given over a fresh TCP connection: the only way to control header order,
 * case and duplicates precisely. The request should carry `Connection: close`.
 */
export function sendRaw(port: number, request: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? "" : text.slice(split + 4) });
    });
    // Write without half-closing: like curl, wait for the answer and let `Connection: close` end it
    // (Node's server aborts requests still in progress when the client half-closes first).
    socket.write(request);
  });
}

/**
 * Resolves once no request of the bin is listed as pending (the background shape learner has flagged
 * them): joins the bin's live room first, then reads the list, then waits for `requests:checked`
 * events naming every pending one, so none is missed and nothing sleeps.
 */
export async function untilChecked(baseUrl: string, bin: { id: string; ownerToken: string }): Promise<void> {
  const { io } = await import("socket.io-client");
  const socket = io(baseUrl, { transports: ["websocket"], reconnection: false });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const seen = new Set<string>();
    let check = () => undefined as void;
    socket.on("requests:checked", ({ binId, requests }: { binId: string; requests: { id: string }[] }) => {
      if (binId !== bin.id) return;
      for (const request of requests) seen.add(request.id);
      check();
    });
    await socket.timeout(5000).emitWithAck("bin:join", { binId: bin.id, token: bin.ownerToken, after: null });
    const page = (await (await fetch(`${baseUrl}/api/bins/${bin.id}/requests?limit=200`, authorized(bin.ownerToken))).json()) as {
      requests: { id: string; checksPending: boolean }[];
    };
    const pending = page.requests.filter((r) => r.checksPending).map((r) => r.id);
    await new Promise<void>((resolve) => {
      check = () => {
        if (pending.every((id) => seen.has(id))) resolve();
      };
      check();
    });
  } finally {
    socket.disconnect();
  }
}
