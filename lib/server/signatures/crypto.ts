import { createHash, createHmac, createPrivateKey, createPublicKey, timingSafeEqual, verify, type KeyObject } from "node:crypto";
import type { HmacAlgorithm, SignatureEncoding } from "../../shared/signature-types";

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function concatBytes(...parts: (Uint8Array | string)[]): Uint8Array {
  const chunks = parts.map((part) => (typeof part === "string" ? utf8(part) : part));
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function hmac(algorithm: HmacAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

export function sha256(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

export function encode(bytes: Uint8Array, encoding: SignatureEncoding): string {
  return Buffer.from(bytes).toString(encoding);
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Strict decoders: Buffer.from silently skips bad characters, which would hide a wrong encoding. */
export function decodeHex(text: string): Buffer | undefined {
  return HEX.test(text) ? Buffer.from(text, "hex") : undefined;
}

export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0) return undefined;
  if (BASE64.test(text)) return Buffer.from(text, "base64");
  if (BASE64URL.test(text)) return Buffer.from(text, "base64url");
  return undefined;
}

/** Padded, standard alphabet only: what the Standard Webhooks libraries accept for keys. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  return text.length > 0 && text.length % 4 === 0 && BASE64.test(text) ? Buffer.from(text, "base64") : undefined;
}

export function decodeSignature(text: string, encoding: SignatureEncoding): Buffer | undefined {
  return encoding === "hex" ? decodeHex(text) : decodeBase64(text);
}

/**
 * Constant-time equality. Lengths are compared first: signature lengths are fixed by the algorithm
 * and public, so only the content must not leak through timing.
 */
export function safeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const left = typeof a === "string" ? Buffer.from(a, "utf8") : Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const right = typeof b === "string" ? Buffer.from(b, "utf8") : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** Digest length in bytes, to recognise which algorithm produced a received signature. */
export const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

export function algorithmForLength(bytes: number): HmacAlgorithm | undefined {
  return (Object.keys(DIGEST_BYTES) as HmacAlgorithm[]).find((name) => DIGEST_BYTES[name] === bytes);
}

/** An Ed25519 public key from its 32 raw bytes; JWK is the one raw-key import node:crypto accepts. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, this one is ${raw.length}`);
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") },
    format: "jwk",
  });
}

export function verifyEd25519(key: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** A public key from PEM, or from base64 DER (SPKI) as SendGrid shows it without armour. */
export function publicKeyFromText(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPublicKey({ key: trimmed, format: "pem" });
  const der = decodeBase64(trimmed.replace(/\s+/g, ""));
  if (!der) throw new Error("the key is neither PEM nor base64");
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

export function verifyEcdsaSha256(key: KeyObject, message: Uint8Array, derSignature: Uint8Array): boolean {
  try {
    return verify("sha256", message, { key, dsaEncoding: "der" }, derSignature);
  } catch {
    return false;
  }
}

/** PKCS#8 DER header of an Ed25519 private key: the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** An Ed25519 private key from its 32-byte seed (a 64-byte seed-then-public-key form is accepted). */
export function ed25519PrivateKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32 && raw.length !== 64) throw new Error(`an Ed25519 private key is a 32-byte seed, this one is ${raw.length} bytes`);
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, raw.subarray(0, 32)]), format: "der", type: "pkcs8" });
}

/** A private key from PEM, or from base64 DER (PKCS#8). */
export function privateKeyFromText(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) return createPrivateKey({ key: trimmed, format: "pem" });
  const der = decodeBase64(trimmed.replace(/\s+/g, ""));
  if (!der) throw new Error("the key is neither PEM nor base64");
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

/** Whether a private key's public half is the given public key. */
export function samePublicKey(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const derived = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return derived.equals(publicKey.export({ format: "der", type: "spki" }));
}
