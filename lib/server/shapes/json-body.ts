/**
 * Bodies larger than this are not parsed for their event type or shape: parsing and walking them
 * would cost capture more than the rest of its work. Their type comes from headers alone.
 */
export const SHAPE_MAX_BODY_BYTES = 256 * 1024;

export type JsonBody =
  /** `text` is what was parsed: big integers are told from it (JSON.parse rounds them). */
  { kind: "json"; value: unknown; text: string } | { kind: "too_large" };

function looksJson(contentType: string | null, body: Uint8Array): boolean {
  if (contentType !== null) return /[/+]json\b/i.test(contentType);
  // Senders that set no type: a body that opens like an object or array is tried.
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x7b || first === 0x5b;
}

/** Slack's interactive components post a form whose `payload` field is the JSON. */
function formPayload(contentType: string | null, body: Uint8Array): string | undefined {
  if (contentType === null || !/^application\/x-www-form-urlencoded\b/i.test(contentType)) return undefined;
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1");
  if (!text.startsWith("payload=") && !text.includes("&payload=")) return undefined;
  return new URLSearchParams(text).get("payload") ?? undefined;
}

/** The request's JSON, when it carries some: null for any other body (or JSON that does not parse). */
export function jsonBodyOf(contentType: string | null, body: Uint8Array): JsonBody | null {
  const fromForm = formPayload(contentType, body);
  if (fromForm === undefined && !looksJson(contentType, body)) return null;
  if (body.length > SHAPE_MAX_BODY_BYTES) return { kind: "too_large" };
  const text = fromForm ?? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  try {
    return { kind: "json", value: JSON.parse(text), text };
  } catch {
    return null;
  }
}

/**
 * What capture reads the event type from: `parse` is the trust checks' own parse of the body
 * (RequestView.json() and the text it parsed, undefined when it is not JSON), so a request is parsed
 * once; Slack's form posts are read from their `payload` field. "too_large": typed from its headers alone.
 */
export function typeJsonOf(contentType: string | null, body: Uint8Array, parse: () => { value: unknown; text: string } | undefined): JsonBody | null {
  const fromForm = formPayload(contentType, body);
  if (fromForm === undefined && !looksJson(contentType, body)) return null;
  if (body.length > SHAPE_MAX_BODY_BYTES) return { kind: "too_large" };
  if (fromForm === undefined) {
    const parsed = parse();
    return parsed === undefined ? null : { kind: "json", ...parsed };
  }
  try {
    return { kind: "json", value: JSON.parse(fromForm), text: fromForm };
  } catch {
    return null;
  }
}
