import { request as httpRequest } from "node:http";
import { waitUntil } from "./target";

export interface StalledUpload {
  /** The answer once it came (0 for a dropped connection), else null. */
  answer(): { status: number; body: string } | null;
  answered: Promise<{ status: number; body: string }>;
  /** Sends the rest of the body. */
  finish(): void;
  /** Stops the keep-alive trickle: the server then sees an idle upload. */
  goQuiet(): void;
}

const DECLARED = 64;
const TRICKLE_MS = 200;

/**
 * An upload that holds a capture slot: it declares 64 bytes and sends one every 200 ms (so it is
 * never idle) until told to finish or to go quiet.
 */
export function stalledUpload(url: string, headers: Record<string, string> = {}): StalledUpload {
  const req = httpRequest(url, { method: "POST", headers: { ...headers, "Content-Length": String(DECLARED) } });
  let answer: { status: number; body: string } | null = null;
  let sent = 0;
  const answered = new Promise<{ status: number; body: string }>((resolve) => {
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve((answer = { status: res.statusCode ?? 0, body })));
    });
    req.on("error", () => resolve((answer ??= { status: 0, body: "" })));
  });
  const write = () => {
    if (sent < DECLARED - 1 && !req.destroyed) {
      req.write("x");
      sent++;
    }
  };
  write();
  const trickle = setInterval(write, TRICKLE_MS);
  void answered.then(() => clearInterval(trickle));
  return {
    answer: () => answer,
    answered,
    finish: () => {
      clearInterval(trickle);
      if (!req.destroyed) req.end("x".repeat(DECLARED - sent));
    },
    goQuiet: () => clearInterval(trickle),
  };
}

/**
 * Opens stalled uploads until `probe` (a capture that competes for the same slots) is refused: a
 * probe in flight can take a slot an upload needed, and that upload is then refused, so refused ones
 * are replaced. Returns the uploads that hold slots.
 */
export async function fillSlots(slots: number, open: () => StalledUpload, probe: () => Promise<number>): Promise<StalledUpload[]> {
  const uploads: StalledUpload[] = [];
  await waitUntil(
    async () => {
      const holding = uploads.filter((upload) => upload.answer() === null).length;
      for (let i = holding; i < slots; i++) uploads.push(open());
      return (await probe()) === 503;
    },
    30_000,
    `${slots} slots to fill`,
  );
  return uploads.filter((upload) => upload.answer() === null);
}
