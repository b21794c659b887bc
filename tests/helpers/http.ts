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
