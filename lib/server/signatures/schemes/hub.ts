import { field, type RequestView } from "../request";
import {
  checkHmac,
  hmacText,
  rawSecretAlternatives,
  secretKey,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import type { SchemeId } from "../../../shared/signature-types";
import { bodyHmacScheme, duplicateHint, missingHeader } from "./body-hmac";

// GitHub, Meta, Intercom and Bitbucket all chose "X-Hub-Signature" (from PubSubHubbub), so the
// header alone cannot tell them apart: the scores below use the other headers each one sends.

const SHA256_HEADER = "X-Hub-Signature-256";
const LEGACY_HEADER = "X-Hub-Signature";

function fromGitHub(req: RequestView): boolean {
  return req.has("X-GitHub-Event") || req.has("X-GitHub-Delivery") || /^GitHub-Hookshot\//i.test(req.header("user-agent") ?? "");
}

function fromMeta(req: RequestView): boolean {
  if (/facebookexternalua|facebookplatform/i.test(req.header("user-agent") ?? "")) return true;
  const body = req.json();
  return typeof field(body, "object") === "string" && Array.isArray(field(body, "entry"));
}

function fromBitbucket(req: RequestView): boolean {
  return req.has("X-Event-Key") && (req.has("X-Request-UUID") || /Bitbucket/i.test(req.header("user-agent") ?? ""));
}

function legacyPrefix(req: RequestView): string {
  return (req.header(LEGACY_HEADER) ?? "").split("=")[0]!.toLowerCase();
}

/** sha256 when the -256 header is there (both are sent), the legacy sha1 header otherwise. */
function hubCheck(id: SchemeId, name: string, extraHints: (req: RequestView) => string[]) {
  return (req: RequestView, ctx: SchemeContext): Outcome => {
    const key = secretKey(ctx);
    const modern = req.header(SHA256_HEADER);
    if (modern !== undefined) {
      return checkHmac({
        key,
        algorithm: "sha256",
        encoding: "hex",
        prefix: "sha256=",
        header: SHA256_HEADER,
        received: [modern],
        signed: [req.body],
        describe: 'HMAC-SHA256 of the raw body, hex, prefixed "sha256="',
        hints: [...duplicateHint(req, SHA256_HEADER), ...extraHints(req)],
      });
    }
    const legacy = req.header(LEGACY_HEADER);
    if (legacy === undefined) return missingHeader(SHA256_HEADER);
    const hints = [...duplicateHint(req, LEGACY_HEADER), ...extraHints(req)];
    if (legacyPrefix(req) === "sha256") {
      hints.push(
        `${LEGACY_HEADER} carries a sha256= value, which ${name} never sends there (it sends sha1=); Bitbucket does, so this may be a Bitbucket delivery.`,
      );
    }
    return checkHmac({
      key,
      algorithm: "sha1",
      encoding: "hex",
      prefix: "sha1=",
      header: LEGACY_HEADER,
      received: [legacy],
      signed: [req.body],
      describe: 'HMAC-SHA1 of the raw body, hex, prefixed "sha1=" (legacy header)',
      hints,
      note:
        id === "github"
          ? `Only the legacy SHA-1 header was present; current GitHub libraries verify ${SHA256_HEADER} only.`
          : `Only the legacy SHA-1 header was present; ${SHA256_HEADER} is preferred.`,
    });
  };
}

/** GitHub and Meta send both headers; the legacy SHA-1 one is signed again only when the request had it. */
function hubResign({ req, secret }: ResignInput): ResignOutcome {
  const key = secretKey({ secret });
  const set: [string, string][] = [[SHA256_HEADER, hmacText("sha256", key, req.body, "hex", "sha256=")]];
  if (req.has(LEGACY_HEADER)) set.push([LEGACY_HEADER, hmacText("sha1", key, req.body, "hex", "sha1=")]);
  return { kind: "signed", set };
}

export const github: SchemeModule = {
  id: "github",
  name: "GitHub",
  secret: { label: "Webhook secret", example: "a long random string you typed into GitHub", kind: "shared-secret" },
  headers: [SHA256_HEADER, LEGACY_HEADER, "X-GitHub-Event", "X-GitHub-Delivery"],
  signatureHeaders: [SHA256_HEADER, LEGACY_HEADER],
  present: (req) => req.has(SHA256_HEADER) || req.has(LEGACY_HEADER),
  score: (req) => (fromGitHub(req) ? 100 : req.has(SHA256_HEADER) ? 60 : 30),
  check: hubCheck("github", "GitHub", () => []),
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "GitHub"),
  resign: hubResign,
};

export const meta: SchemeModule = {
  id: "meta",
  name: "Meta (Facebook, Instagram, WhatsApp)",
  secret: { label: "App secret", example: "32 hex characters from the app dashboard", kind: "shared-secret" },
  headers: [SHA256_HEADER, LEGACY_HEADER],
  signatureHeaders: [SHA256_HEADER, LEGACY_HEADER],
  present: (req) => req.has(SHA256_HEADER) || req.has(LEGACY_HEADER),
  score: (req) => (fromGitHub(req) ? 10 : fromMeta(req) ? 90 : 40),
  check: hubCheck("meta", "Meta", () => [
    "Meta signs the payload in its escaped-unicode form (\\u00e9, lower-case hex): verify the bytes exactly as received, never a re-encoded JSON.",
  ]),
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Meta"),
  resign: hubResign,
};

export const intercom = bodyHmacScheme({
  id: "intercom",
  name: "Intercom",
  secret: { label: "App client secret", example: "the client_secret from the Developer Hub", kind: "shared-secret" },
  signatureHeaders: [LEGACY_HEADER],
  algorithm: "sha1",
  encoding: "hex",
  prefix: "sha1=",
  score: (req) => (/intercom/i.test(req.header("user-agent") ?? "") ? 100 : fromGitHub(req) || req.has(SHA256_HEADER) || legacyPrefix(req) !== "sha1" ? 5 : 70),
});

export const bitbucket = bodyHmacScheme({
  id: "bitbucket",
  name: "Bitbucket",
  secret: { label: "Webhook secret", example: "the secret set on the Bitbucket webhook", kind: "shared-secret" },
  signatureHeaders: [LEGACY_HEADER],
  otherHeaders: ["X-Event-Key", "X-Request-UUID"],
  algorithm: "sha256",
  encoding: "hex",
  prefix: "sha256=",
  score: (req) => (fromBitbucket(req) ? 100 : legacyPrefix(req) === "sha256" && !req.has(SHA256_HEADER) ? 80 : 5),
});
