import { createHash } from "node:crypto";
import { deliveryAuthFailure } from "@/lib/server/bins/delivery-auth";
import { DELIVERY_AUTH, signatureSecrets, type StoredSecret } from "@/lib/server/bins/secrets";
import { senderUrl } from "@/lib/server/bins/sender-url";
import { sourceFailure } from "@/lib/shared/settings/sources";
import type { BinSettings } from "@/lib/shared/settings/settings";
import type { StoredVerdict } from "@/lib/server/queries/requests";
import { deliveryIdIn, rankSchemes, RequestView, SCHEMES, verifyRequest, type SecretConfig, type Verdict } from "@/lib/server/signatures";
import { errorMessage } from "@/lib/shared/errors";

export interface TrustInput {
  method: string;
  url: string;
  query: string;
  headers: [string, string][];
  body: Uint8Array;
  receivedAt: number;
  subpath: string;
  remoteAddress: string;
}

export interface TrustResult {
  verdict: Verdict;
  /** Why the delivery-auth requirement failed; null when it passed or is off. */
  authFailure: string | null;
  /** Why the sender's address is outside the allow-list; null when inside or the list is off. */
  sourceFailure: string | null;
  /** What duplicate detection compares; null when the request carries nothing to tell deliveries apart. */
  deliveryKey: string | null;
  /** The view the checks read through: capture reads the event type from the body it parsed (one parse per request). */
  view: RequestView;
}

/** What the trust checks read of a request, stored or just captured (the sender's URL rebuilt). */
export function trustInputOf(
  binId: string,
  request: { method: string; path: string; query: string; headers: [string, string][]; body: Uint8Array; receivedAt: Date; remoteAddress: string },
): TrustInput {
  const { headers } = request;
  return {
    method: request.method,
    url: senderUrl(binId, request.path, request.query, headers),
    query: request.query,
    headers,
    body: request.body,
    receivedAt: request.receivedAt.getTime(),
    subpath: request.path,
    remoteAddress: request.remoteAddress,
  };
}

/**
 * The provider's delivery id when there is one; failing that, for a signed request, a digest of the
 * exact body and its signature (a re-sent delivery carries both unchanged).
 */
export function deliveryKeyOf(req: RequestView): string | null {
  const id = deliveryIdIn(req);
  if (id) return `${id.source}:${id.value}`;
  const scheme = rankSchemes(req)[0]?.module.id ?? null;
  if (scheme === null) return null;
  const signatureHeaders = new Set(SCHEMES.find((info) => info.id === scheme)?.signatureHeaders.map((name) => name.toLowerCase()) ?? []);
  const signatures = req.raw.headers.filter(([name]) => signatureHeaders.has(name.toLowerCase())).map(([, value]) => value);
  if (signatures.length === 0) return null;
  const digest = createHash("sha256").update(req.body).update("\0").update(signatures.join("\0")).digest("hex");
  return `body+signature:${digest}`;
}

/**
 * The verifiers run on whatever a sender posts, inside the capture's group commit: a check that
 * throws must cost that request its verdict, never the commit of every request beside it.
 */
function verifySafely(request: RequestView, secrets: SecretConfig[]): Verdict {
  try {
    return verifyRequest(request, secrets);
  } catch (error) {
    const why = errorMessage(error);
    return {
      status: "invalid",
      signature: "unsupported",
      freshness: "not_checked",
      scheme: null,
      reason: `The signature could not be checked (${why}); the request is stored unchanged.`,
    };
  }
}

/** The columns a verdict is stored in. */
export function storedVerdict(verdict: Verdict): StoredVerdict {
  return {
    verdict: verdict.status,
    signature: verdict.signature,
    freshness: verdict.freshness,
    replaySuspected: verdict.details?.replaySuspected === true,
  };
}

/** Every trust check of one request against the bin's settings and secrets. Pure. */
export function checkTrust(request: TrustInput, settings: BinSettings, secrets: StoredSecret[]): TrustResult {
  const token = secrets.find((secret) => secret.scheme === DELIVERY_AUTH)?.secret ?? null;
  // One view for every check: the body is decoded and parsed, the headers indexed and the schemes ranked once.
  const view = new RequestView(request);
  return {
    verdict: verifySafely(view, signatureSecrets(secrets)),
    authFailure: deliveryAuthFailure(settings.auth, token, request),
    sourceFailure: sourceFailure(settings.sources, request.remoteAddress),
    deliveryKey: deliveryKeyOf(view),
    view,
  };
}
