import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import type { CapturedRequest, SecretConfig, Verdict, VerdictStatus } from "@/lib/server/signatures";
import { verifyRequest } from "@/lib/server/signatures";

/** A fixed capture time for schemes whose verifiers take "now" as a parameter (or none at all). */
export const RECEIVED_AT = Date.UTC(2025, 5, 1, 12, 0, 0);
export const RECEIVED_S = Math.floor(RECEIVED_AT / 1000);

export const encoder = new TextEncoder();

export const JSON_BODY = '{"id":"evt_1","type":"demo.event","data":{"name":"Zoë","amount":1299,"nested":{"ok":true}}}';

export function request(parts: Omit<Partial<CapturedRequest>, "body"> & { body?: Uint8Array | string }): CapturedRequest {
  const body = parts.body ?? JSON_BODY;
  return {
    method: parts.method ?? "POST",
    url: parts.url ?? "https://hooks.example.com/h/bin123/hook",
    headers: parts.headers ?? [["Content-Type", "application/json"]],
    body: typeof body === "string" ? encoder.encode(body) : body,
    receivedAt: parts.receivedAt ?? RECEIVED_AT,
  };
}

/** The same request with one more or one changed header (names compared case-insensitively). */
export function withHeader(req: CapturedRequest, name: string, value: string): CapturedRequest {
  const headers = req.headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase());
  return { ...req, headers: [...headers, [name, value]] };
}

export function withoutHeader(req: CapturedRequest, name: string): CapturedRequest {
  return { ...req, headers: req.headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase()) };
}

/** Changes one byte-level detail of the body the way an attacker (or a careless proxy) would. */
export function tamper(req: CapturedRequest): CapturedRequest {
  const text = new TextDecoder().decode(req.body);
  const changed = text.includes("1299") ? text.replace("1299", "9999") : `${text} `;
  return { ...req, body: encoder.encode(changed) };
}

export function expectVerdict(verdict: Verdict, status: VerdictStatus, reason: string | RegExp): Verdict {
  const message = `verdict was ${JSON.stringify(verdict, null, 2)}`;
  assert.equal(verdict.status, status, message);
  if (typeof reason === "string") assert.ok(verdict.reason.includes(reason), `reason lacks ${JSON.stringify(reason)}: ${message}`);
  else assert.match(verdict.reason, reason, message);
  return verdict;
}

export function check(req: CapturedRequest, secrets: SecretConfig[] | SecretConfig): Verdict {
  return verifyRequest(req, Array.isArray(secrets) ? secrets : [secrets]);
}

/** A verdict must never carry the secret, whatever the outcome. */
export function assertNoSecret(verdict: Verdict, secret: string): void {
  assert.ok(!JSON.stringify(verdict).includes(secret), `verdict leaks the secret: ${JSON.stringify(verdict)}`);
}

export function hmacHex(algorithm: string, key: string | Uint8Array, data: string | Uint8Array): string {
  return createHmac(algorithm, key).update(data).digest("hex");
}

export function hmacBase64(algorithm: string, key: string | Uint8Array, data: string | Uint8Array): string {
  return createHmac(algorithm, key).update(data).digest("base64");
}
