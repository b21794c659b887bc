import { createHash, randomBytes, randomInt } from "node:crypto";

/** What is stored for a token, key or invitation instead of the thing itself. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
const BIN_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";

function encodeBase32(value: number, length: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomBase32(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += CROCKFORD[randomInt(32)];
  return out;
}

let lastMillis = -1;
let sequence = 0;

/**
 * A time-sortable request id: 10 chars of milliseconds, 4 of a per-millisecond sequence, 8 random.
 * Comparing two ids as strings orders them by capture time (and by arrival within this process),
 * which is what pagination cursors and live catch-up rely on.
 */
export function newRequestId(now: number = Date.now()): string {
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else {
    sequence++;
    if (sequence >= 32 ** 4) {
      lastMillis++;
      sequence = 0;
    }
  }
  return encodeBase32(lastMillis, 10) + encodeBase32(sequence, 4) + randomBase32(8);
}

/** 16 characters without look-alikes (no l, 0, 1): about 80 bits, unguessable and easy to read aloud. */
export function newBinId(): string {
  let out = "";
  for (let i = 0; i < 16; i++) out += BIN_ALPHABET[randomInt(BIN_ALPHABET.length)];
  return out;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export const BIN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const REQUEST_ID_PATTERN = /^[0-9a-z]{22}$/;
