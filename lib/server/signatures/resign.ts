import { randomUUID } from "node:crypto";
import { getScheme } from "./registry";
import { RequestView } from "./request";
import type { SchemeId, SecretConfig } from "../../shared/signature-types";

/** What is sent: the parts of a request a scheme may sign. */
export interface OutgoingRequest {
  method: string;
  /** The URL the receiver will be called at; URL-signing schemes sign exactly this. */
  url: string;
  headers: readonly (readonly [string, string])[];
  body: Uint8Array;
}

export interface ResignOptions {
  /** Signing time in ms since the epoch; now by default. */
  now?: number;
  /** The owner's private key for a public-key scheme, used for this signature only. */
  privateKey?: string | undefined;
}

/** What re-signing changed, for the delivery log: names only, never values (a token scheme's value is the secret). */
export interface ResignSummary {
  scheme: SchemeId;
  /** Header names whose values were replaced, in the request's spelling. */
  replaced: string[];
  /** Header names the request did not have. */
  added: string[];
  bodyChanged: boolean;
  urlChanged: boolean;
  note?: string;
}

export type ResignResult =
  { ok: true; request: OutgoingRequest & { headers: [string, string][] }; summary: ResignSummary } | { ok: false; scheme: SchemeId; reason: string };

/**
 * Signs a request again for `secret`'s scheme at `now`, as that provider would send it: the
 * signature headers are replaced where the request had them (keeping their place, spelling and the
 * order of everything else; later duplicates dropped so a receiver cannot read a stale one) and
 * appended otherwise.
 */
export function resignRequest(request: OutgoingRequest, secret: SecretConfig, options: ResignOptions = {}): ResignResult {
  const scheme = getScheme(secret.scheme);
  const view = new RequestView({
    method: request.method,
    url: request.url,
    headers: request.headers.map(([name, value]) => [name, value]),
    body: request.body,
    receivedAt: options.now ?? Date.now(),
  });
  const outcome = scheme.resign({
    req: view,
    secret,
    now: view.receivedAt,
    newId: randomUUID,
    privateKey: options.privateKey,
  });
  if (outcome.kind === "refused") return { ok: false, scheme: scheme.id, reason: outcome.reason };
  let headers: [string, string][] = request.headers.map(([name, value]) => [name, value]);
  const replaced: string[] = [];
  const added: string[] = [];
  for (const [name, value] of outcome.set) {
    const lower = name.toLowerCase();
    const first = headers.findIndex(([existing]) => existing.toLowerCase() === lower);
    if (first === -1) {
      headers.push([name, value]);
      added.push(name);
      continue;
    }
    replaced.push(headers[first]![0]);
    headers[first] = [headers[first]![0], value];
    headers = headers.filter(([existing], index) => index <= first || existing.toLowerCase() !== lower);
  }
  const body = outcome.body ?? request.body;
  const url = outcome.url ?? request.url;
  return {
    ok: true,
    request: { method: request.method, url, headers, body },
    summary: {
      scheme: scheme.id,
      replaced,
      added,
      bodyChanged: outcome.body !== undefined,
      urlChanged: outcome.url !== undefined,
      ...(outcome.note ? { note: outcome.note } : {}),
    },
  };
}
