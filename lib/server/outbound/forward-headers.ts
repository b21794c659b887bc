export type HeaderPair = [name: string, value: string];

// RFC 9110 §7.6.1: they describe the captured connection, not the request.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"]);
// Framing Node would otherwise choose itself (chunked) once the header list is raw.
const FRAMING = new Set(["content-length", "transfer-encoding"]);
// Node's client adds chunked framing to these only when asked, so they need no Content-Length: 0.
const BODYLESS_BY_DEFAULT = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/**
 * The header list to send to `targetUrl`: the captured pairs in order, original case and
 * duplicates kept, except hop-by-hop headers (and any the Connection header names), Proxy-*,
 * Expect (the body goes out at once, without waiting for 100 Continue) and HTTP/2 pseudo-headers.
 * Host is set from the target and Content-Length from the body actually sent, each in the place
 * the captured one had. Credentials in the target URL become Basic Authorization in place of a
 * captured Authorization header: the operator asked for them explicitly.
 *
 * With `method`, Content-Length: 0 is added for an empty body where Node would otherwise
 * announce a chunked one (POST, PUT, PATCH…).
 */
export function buildForwardHeaders(
  captured: readonly (readonly [string, string])[],
  targetUrl: URL | string,
  bodyLength: number,
  method?: string,
): HeaderPair[] {
  const url = new URL(targetUrl);
  const nominated = new Set(
    captured.filter(([name]) => name.toLowerCase() === "connection").flatMap(([, value]) => value.split(",").map((token) => token.trim().toLowerCase())),
  );
  const hadFraming = captured.some(([name]) => FRAMING.has(name.toLowerCase()));
  const needsLength = bodyLength > 0 || hadFraming || (method !== undefined && !BODYLESS_BY_DEFAULT.has(method.toUpperCase()));
  const authorization = basicAuthorization(url);

  const out: HeaderPair[] = [];
  let placedHost = false;
  let placedLength = !needsLength;
  let placedAuthorization = authorization === null;
  for (const [name, value] of captured) {
    const lower = name.toLowerCase();
    if (lower === "host") {
      if (!placedHost) out.push([name, url.host]);
      placedHost = true;
    } else if (FRAMING.has(lower)) {
      if (!placedLength) out.push([lower === "content-length" ? name : "Content-Length", String(bodyLength)]);
      placedLength = true;
    } else if (lower === "authorization" && authorization !== null) {
      if (!placedAuthorization) out.push([name, authorization]);
      placedAuthorization = true;
    } else if (!HOP_BY_HOP.has(lower) && !nominated.has(lower) && !lower.startsWith("proxy-") && lower !== "expect" && !lower.startsWith(":")) {
      out.push([name, value]);
    }
  }
  if (!placedHost) out.unshift(["Host", url.host]);
  if (!placedLength) out.push(["Content-Length", String(bodyLength)]);
  if (!placedAuthorization && authorization !== null) out.push(["Authorization", authorization]);
  return out;
}

function basicAuthorization(url: URL): string | null {
  if (url.username === "" && url.password === "") return null;
  const credentials = `${percentDecode(url.username)}:${percentDecode(url.password)}`;
  return `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray % that is not an escape: the URL parser keeps it, and so do we.
    return text;
  }
}

/**
 * A target's response headers, fit to be sent on as our own answer: order, case and duplicates
 * kept, minus what describes that other connection (hop-by-hop) and its framing, which is ours to set.
 */
export function answerHeaders(received: readonly (readonly [string, string])[]): HeaderPair[] {
  const nominated = new Set(
    received.filter(([name]) => name.toLowerCase() === "connection").flatMap(([, value]) => value.split(",").map((token) => token.trim().toLowerCase())),
  );
  return received
    .filter(([name]) => {
      const lower = name.toLowerCase();
      return !HOP_BY_HOP.has(lower) && !FRAMING.has(lower) && !nominated.has(lower) && !lower.startsWith("proxy-");
    })
    .map(([name, value]) => [name, value]);
}
