import { formatSeconds } from "@/lib/shared/seconds";

const decoder = new TextDecoder("utf-8");

const PREVIEW_CHARS = 160;

/** The start of the signed bytes as text, so a person can see what was signed without a hex dump. */
export function preview(bytes: Uint8Array): string {
  const text = decoder.decode(bytes.subarray(0, PREVIEW_CHARS * 4));
  if (text.length <= PREVIEW_CHARS && bytes.length <= PREVIEW_CHARS * 4) return text;
  return `${text.slice(0, PREVIEW_CHARS)}… (${bytes.length} bytes in all)`;
}

/**
 * Only the start of the signature we computed is ever shown. The capture URL is public, so anyone
 * who can read a verdict could otherwise post a body of their choosing and read back a valid
 * signature for it: the inspector would become a signing oracle for the owner's secret. A dozen
 * characters are enough to see that two signatures differ.
 */
export function shortExpected(signature: string): string {
  return signature.length > 14 ? `${signature.slice(0, 12)}…` : signature;
}

export function describeAge(ageSeconds: number): string {
  return ageSeconds >= 0 ? `${formatSeconds(ageSeconds)} old` : `${formatSeconds(-ageSeconds)} in the future`;
}

export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
