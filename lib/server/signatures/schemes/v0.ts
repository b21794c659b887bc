import { concatBytes } from "../crypto";
import type { RequestView } from "../request";
import {
  ageFromUnixSeconds,
  checkHmac,
  freshness,
  hmacText,
  parseUnixSeconds,
  rawSecretAlternatives,
  secretKey,
  toleranceOf,
  type Outcome,
  type ResignInput,
  type ResignOutcome,
  type SchemeContext,
  type SchemeModule,
} from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

// Slack and Zoom sign "v0:<timestamp>:<body>" and send "v0=<hex>": Zoom copied Slack's design.

interface V0Spec {
  name: string;
  signatureHeader: string;
  timestampHeader: string;
  tolerance: number | null;
  direction: "past" | "both";
}

function v0Check(spec: V0Spec) {
  return (req: RequestView, ctx: SchemeContext): Outcome => {
    const signature = req.header(spec.signatureHeader);
    if (signature === undefined) return missingHeader(spec.signatureHeader);
    const rawTimestamp = req.header(spec.timestampHeader);
    if (rawTimestamp === undefined) {
      return missingHeader(spec.timestampHeader, `${spec.name} signs the timestamp together with the body.`);
    }
    const timestamp = parseUnixSeconds(rawTimestamp);
    if (timestamp === undefined) {
      return { kind: "error", header: spec.timestampHeader, reason: `${spec.timestampHeader} is not a Unix timestamp.` };
    }
    const version = signature.split("=")[0];
    if (version !== "v0") {
      return {
        kind: "error",
        header: spec.signatureHeader,
        reason: `${spec.signatureHeader} has an unknown signature version ${JSON.stringify(version)}; only v0 exists.`,
      };
    }
    return checkHmac({
      key: secretKey(ctx),
      algorithm: "sha256",
      encoding: "hex",
      prefix: "v0=",
      header: spec.signatureHeader,
      received: [signature],
      signed: [concatBytes(`v0:${timestamp}:`, req.body)],
      freshness: freshness(ageFromUnixSeconds(req, timestamp), toleranceOf(ctx.secret, spec.tolerance), spec.direction, spec.timestampHeader),
      describe: 'HMAC-SHA256 of "v0:" + timestamp + ":" + raw body, hex, prefixed "v0="',
      hints: duplicateHint(req, spec.signatureHeader),
    });
  };
}

function v0Resign(signatureHeader: string, timestampHeader: string) {
  return ({ req, secret, now }: ResignInput): ResignOutcome => {
    const t = Math.floor(now / 1000);
    const signature = hmacText("sha256", secretKey({ secret }), concatBytes(`v0:${t}:`, req.body), "hex", "v0=");
    return {
      kind: "signed",
      set: [
        [timestampHeader, String(t)],
        [signatureHeader, signature],
      ],
    };
  };
}

export const slack: SchemeModule = {
  id: "slack",
  name: "Slack",
  secret: { label: "Signing secret", example: "32 hex characters from Basic Information", kind: "shared-secret" },
  headers: ["X-Slack-Signature", "X-Slack-Request-Timestamp"],
  signatureHeaders: ["X-Slack-Signature"],
  // Slack's docs and python-slack-sdk compare the absolute difference; bolt-js checks only the past.
  window: "300 s either way",
  present: (req) => req.has("X-Slack-Signature"),
  check: v0Check({
    name: "Slack",
    signatureHeader: "X-Slack-Signature",
    timestampHeader: "X-Slack-Request-Timestamp",
    tolerance: 300,
    direction: "both",
  }),
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Slack"),
  resign: v0Resign("X-Slack-Signature", "X-Slack-Request-Timestamp"),
};

export const zoom: SchemeModule = {
  id: "zoom",
  name: "Zoom",
  secret: { label: "Secret token", example: "the app's Secret Token from the Feature page", kind: "shared-secret" },
  headers: ["x-zm-signature", "x-zm-request-timestamp"],
  signatureHeaders: ["x-zm-signature"],
  present: (req) => req.has("x-zm-signature"),
  // Zoom's SDK enforces no window, so the age is reported but never fails the check.
  check: v0Check({
    name: "Zoom",
    signatureHeader: "x-zm-signature",
    timestampHeader: "x-zm-request-timestamp",
    tolerance: null,
    direction: "both",
  }),
  keyAlternatives: (secret) => rawSecretAlternatives(secret, "Zoom"),
  resign: v0Resign("x-zm-signature", "x-zm-request-timestamp"),
};
