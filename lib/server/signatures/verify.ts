import { rankSchemes } from "./detect";
import { formatSeconds } from "@/lib/shared/seconds";
import { describeAge, preview, quote, shortExpected } from "./format";
import { RequestView } from "./request";
import { getScheme, isSchemeId } from "./registry";
import { takesSignedUrl } from "@/lib/shared/signature-types";
import type { Freshness, Outcome, SchemeModule } from "./scheme";
import type { CapturedRequest, FreshnessResult, SecretConfig, Verdict, VerdictDetails } from "../../shared/signature-types";

type Checked = Extract<Outcome, { kind: "checked" }>;

interface Attempt {
  module: SchemeModule;
  secret: SecretConfig;
  /** 1-based position among the configured secrets of the same scheme, and how many there are. */
  position: number;
  of: number;
}

/**
 * Checks a captured request against a bin's secrets. Every configured secret whose scheme the
 * request carries is tried, the detected scheme first; one valid signature is enough (several
 * secrets of one scheme cover rotation). Pure: the time used for windows is `receivedAt`.
 */
export function verifyRequest(request: CapturedRequest | RequestView, secrets: readonly SecretConfig[]): Verdict {
  const req = request instanceof RequestView ? request : new RequestView(request);
  const ranked = rankSchemes(req);
  const order = new Map(ranked.map((entry, index) => [entry.module.id, index]));
  const counts = new Map<string, number>();
  const attempts: Attempt[] = [];
  for (const secret of secrets) {
    if (!isSchemeId(secret.scheme)) continue;
    const position = (counts.get(secret.scheme) ?? 0) + 1;
    counts.set(secret.scheme, position);
    attempts.push({ module: getScheme(secret.scheme), secret, position, of: 0 });
  }
  for (const attempt of attempts) attempt.of = counts.get(attempt.secret.scheme)!;

  const applicable = attempts
    .filter((attempt) => attempt.module.present(req, attempt.secret))
    .sort((a, b) => (order.get(a.module.id) ?? ranked.length) - (order.get(b.module.id) ?? ranked.length));

  if (applicable.length === 0)
    return unverifiable(
      req,
      ranked.map((entry) => entry.module),
      attempts,
    );

  const results = applicable.map((attempt) => evaluate(req, attempt));
  const valid = results.find((result) => result.verdict.status === "valid");
  if (valid) return valid.verdict;
  // A matching signature with a stale timestamp says more than a mismatch does.
  const best = (results.find((result) => result.signatureMatched) ?? results[0]!).verdict;
  const sameScheme = applicable.filter((attempt) => attempt.module.id === best.scheme).length;
  const others = applicable.filter((attempt) => attempt.module.id !== best.scheme).map((attempt) => attempt.module.name);
  const extra: string[] = [];
  // A sure detection of a provider the bin has no secret for beats the failure of a secret for a
  // provider that merely shares its header (an Intercom secret tried on a GitHub delivery).
  const top = ranked[0];
  if (top && top.score >= 90 && !applicable.some((attempt) => attempt.module.id === top.module.id)) {
    const missing = unverifiable(req, [top.module], attempts);
    return withHints(missing, [`The configured ${getScheme(best.scheme!).name} secret was tried instead and did not verify: ${best.reason}`]);
  }
  if (sameScheme > 1) extra.push(`All ${sameScheme} configured ${getScheme(best.scheme!).name} secrets were tried; none verified.`);
  if (others.length) extra.push(`Also tried, without success: ${[...new Set(others)].join(", ")}.`);
  return extra.length ? withHints(best, extra) : best;
}

/** No configured secret applies: say whether the request is signed at all, and by whom. */
function unverifiable(req: RequestView, present: SchemeModule[], attempts: Attempt[]): Verdict {
  const configured = [...new Set(attempts.map((attempt) => attempt.module.name))];
  const configuredHint = configured.length ? [`This bin has secrets for: ${configured.join(", ")}.`] : [];
  const detected = present[0];
  if (detected) {
    const header = signatureLocation(req, detected);
    return {
      status: "no_secret",
      signature: "no_secret",
      freshness: "not_checked",
      scheme: detected.id,
      reason: `The request is signed the ${detected.name} way (${header}), but this bin has no ${detected.name} secret to check it with.`,
      details: {
        header,
        hints: [...configuredHint, `Add the ${detected.secret.label} (${detected.secret.example}) to verify it.`],
      },
    };
  }
  const generic = attempts.find((attempt) => attempt.module.id === "generic-hmac");
  if (generic) {
    const header = generic.secret.options?.header;
    return {
      status: "invalid",
      signature: header ? "not_signed" : "unsupported",
      freshness: "not_checked",
      scheme: "generic-hmac",
      reason: header
        ? `The ${header} header that the generic HMAC configuration expects is missing, and no other known signature is present.`
        : "The generic HMAC configuration has no options (at least the signature header is needed), so nothing could be checked.",
      ...(header ? { details: { header } } : {}),
    };
  }
  const expected = attempts.flatMap((attempt) =>
    attempt.module.id === "mailgun" ? ["a Mailgun signature block in the body"] : attempt.module.signatureHeaders,
  );
  return {
    status: "not_signed",
    signature: "not_signed",
    freshness: "not_checked",
    scheme: null,
    reason: expected.length
      ? `The request carries no signature: none of what the configured schemes look for (${[...new Set(expected)].join(", ")}) is present.`
      : "The request carries no signature header that Hookscope knows.",
    ...(configuredHint.length ? { details: { hints: configuredHint } } : {}),
  };
}

function signatureLocation(req: RequestView, module: SchemeModule): string {
  if (module.id === "mailgun") return "signature block in the body";
  return module.signatureHeaders.find((name) => req.has(name)) ?? module.signatureHeaders[0] ?? module.id;
}

interface Evaluation {
  verdict: Verdict;
  /** The signature itself was right (the verdict may still be invalid for its timestamp). */
  signatureMatched: boolean;
}

function evaluate(original: RequestView, attempt: Attempt): Evaluation {
  const verdict = (v: Verdict, signatureMatched = false): Evaluation => ({ verdict: v, signatureMatched });
  const { module, secret } = attempt;
  const url = signedUrlOf(original, module, secret);
  const req = url.source === "configured" ? original.with({ url: url.url }) : original;
  const urlDetails: VerdictDetails = module.signsUrl || url.source === "configured" ? { signedUrl: url.url, signedUrlSource: url.source } : {};
  const which = attempt.of > 1 ? ` (secret ${attempt.position} of ${attempt.of})` : "";
  const noun = module.secret.kind === "token" ? "token" : "signature";
  const outcome = module.check(req, { secret });
  if (outcome.kind === "error") {
    const hints = [...(outcome.hints ?? [])];
    if (outcome.keyProblem) {
      const alternative = matchingKeyAlternative(req, module, secret);
      if (alternative) hints.push(alternative);
    }
    return verdict({
      status: "invalid",
      signature: "unsupported",
      freshness: "not_checked",
      scheme: module.id,
      reason: `${module.name}${which}: ${outcome.reason}`,
      details: { ...(outcome.header ? { header: outcome.header } : {}), ...urlDetails, ...(hints.length ? { hints } : {}) },
    });
  }
  const time = judgeFreshness(outcome.freshness, secret);
  const details = { ...baseDetails(outcome, time), ...urlDetails };
  const fresh = outcome.freshness;
  const usedUrl = url.source === "configured" ? ` against the configured signed URL ${url.url}` : "";
  if (outcome.match && time.result !== "stale") {
    const age = fresh ? `; timestamp (${fresh.source}) ${describeAge(fresh.ageSeconds)}, ${time.words}` : "";
    return verdict(
      {
        status: "valid",
        signature: "matches",
        freshness: time.result,
        scheme: module.id,
        reason: `${module.name} ${noun} verified${which} from ${outcome.header}${usedUrl}: ${outcome.method}${age}.${outcome.note ? ` ${outcome.note}` : ""}`,
        details,
      },
      true,
    );
  }
  if (outcome.match) {
    return verdict(
      {
        status: "invalid",
        signature: "matches",
        freshness: "stale",
        scheme: module.id,
        reason: `Signed, late: the ${module.name} signature matches${which}${usedUrl}, but the timestamp (${fresh!.source}) is ${describeAge(fresh!.ageSeconds)}, ${time.words}. A genuine delivery that arrived late or was sent again.`,
        details: { ...details, replaySuspected: true },
      },
      true,
    );
  }
  const explanation = explainMismatch(req, module, secret, outcome);
  const staleText =
    time.result === "stale"
      ? ` Its timestamp (${fresh!.source}) is also ${describeAge(fresh!.ageSeconds)}, ${time.words}; with a signature that does not match, this is not a late genuine delivery.`
      : "";
  const compared =
    outcome.expected !== undefined
      ? `expected ${quote(shortExpected(outcome.expected), 20)}, received ${quote(outcome.received)}`
      : `received ${quote(outcome.received)}`;
  return verdict({
    status: "invalid",
    signature: "mismatch",
    freshness: time.result,
    scheme: module.id,
    reason: `The ${module.name} ${noun} in ${outcome.header} does not match${which}${usedUrl} (${compared}).${explanation.lead ? ` ${explanation.lead}` : ""}${staleText}`,
    details: { ...details, hints: [...explanation.hints, ...(outcome.hints ?? [])] },
  });
}

interface FreshnessJudgement {
  result: Exclude<FreshnessResult, "not_checked">;
  /** How the age compares with the window, for the reason text: "within 300 s", "3,300 s beyond the 300 s window". */
  words: string;
  staleBySeconds?: number;
}

function judgeFreshness(fresh: Freshness | undefined, secret: SecretConfig): FreshnessJudgement {
  if (!fresh) return { result: "no_timestamp", words: "" };
  if (fresh.toleranceSeconds === null) {
    return {
      result: "window_off",
      words: secret.toleranceSeconds === 0 ? "not checked: the window is turned off for this secret" : "not checked: this scheme sets no window",
    };
  }
  const window = `${fresh.toleranceSeconds} s${fresh.direction === "both" ? " either way" : ""}`;
  if (fresh.ok) return { result: "fresh", words: `within ${window}` };
  const age = fresh.direction === "past" ? fresh.ageSeconds : Math.abs(fresh.ageSeconds);
  const staleBySeconds = Math.round((age - fresh.toleranceSeconds) * 1000) / 1000;
  return { result: "stale", words: `${formatSeconds(staleBySeconds)} beyond the ${window} window`, staleBySeconds };
}

/** The URL a URL-signing scheme checks: the owner's configured public URL when set, else the one rebuilt from the request. */
function signedUrlOf(req: RequestView, module: SchemeModule, secret: SecretConfig): { url: string; source: "configured" | "rebuilt" } {
  if (!secret.signedUrl || req.subpath === undefined || !takesSignedUrl(module)) return { url: req.url, source: "rebuilt" };
  const at = req.url.indexOf("?");
  const query = at === -1 ? "" : req.url.slice(at);
  const base = req.subpath.startsWith("/") ? secret.signedUrl.replace(/\/+$/, "") : secret.signedUrl;
  return { url: `${base}${req.subpath}${query}`, source: "configured" };
}

function baseDetails(outcome: Checked, time: FreshnessJudgement): VerdictDetails {
  const fresh = outcome.freshness;
  return {
    header: outcome.header,
    ...(outcome.signed.length ? { signedPayloadPreview: preview(outcome.signed) } : {}),
    ...(outcome.expected !== undefined ? { expected: shortExpected(outcome.expected) } : {}),
    received: outcome.received,
    ...(fresh ? { timestampAgeSeconds: Math.round(fresh.ageSeconds * 1000) / 1000 } : {}),
    ...(fresh?.toleranceSeconds != null ? { toleranceSeconds: fresh.toleranceSeconds } : {}),
    ...(time.staleBySeconds !== undefined ? { staleBySeconds: time.staleBySeconds } : {}),
  };
}

function withHints(verdict: Verdict, hints: string[]): Verdict {
  return { ...verdict, details: { ...verdict.details, hints: [...(verdict.details?.hints ?? []), ...hints] } };
}

function signatureMatches(outcome: Outcome): boolean {
  return outcome.kind === "checked" && outcome.match;
}

function matchingKeyAlternative(req: RequestView, module: SchemeModule, secret: SecretConfig): string | undefined {
  for (const alternative of module.keyAlternatives?.(secret) ?? []) {
    if (signatureMatches(module.check(req, { secret, key: alternative.key }))) return alternative.hint;
  }
  return undefined;
}

const encoder = new TextEncoder();

/** Bodies above this size are not re-serialised to explain a mismatch: too costly for a hint. */
const MAX_ALTERNATIVE_BODY_BYTES = 1024 * 1024;

/** Re-serialised forms of a JSON body that a proxy, framework or sender commonly produces. */
function bodyAlternatives(req: RequestView): { body: Uint8Array; label: string }[] {
  const out: { body: Uint8Array; label: string }[] = [];
  if (req.body.length > MAX_ALTERNATIVE_BODY_BYTES) return out;
  const raw = req.bodyText();
  const add = (text: string, label: string) => {
    if (text !== raw && !out.some((entry) => entry.label === label)) out.push({ body: encoder.encode(text), label });
  };
  // The smallest change first: a newline added or dropped on the way.
  const trimmed = raw.replace(/\s+$/, "");
  if (trimmed !== raw) add(trimmed, "the body without its trailing whitespace or newline");
  else if (raw.length) add(`${raw}\n`, "the body with a trailing newline");
  const parsed = req.json();
  if (parsed !== undefined && typeof parsed === "object" && parsed !== null) {
    // JSON.stringify recurses: a hostile body nested deeply enough overflows the stack. It only
    // feeds a hint, so such a body simply gets no re-serialisation hint.
    let compact: string;
    let indented: string;
    try {
      compact = JSON.stringify(parsed);
      indented = JSON.stringify(parsed, null, 2);
    } catch {
      return out;
    }
    add(compact, "its compact JSON re-serialisation (JSON.stringify of the parsed body)");
    add(indented, "its JSON re-serialisation with 2-space indentation");
    add(
      compact.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`),
      "its compact JSON re-serialisation with non-ASCII characters escaped as \\u00e9 (the way Meta signs)",
    );
  }
  return out;
}

function urlAlternatives(url: string): { url: string; label: string }[] {
  const out: { url: string; label: string }[] = [];
  if (url.startsWith("https://")) out.push({ url: `http://${url.slice(8)}`, label: "with http:// instead of https://" });
  if (url.startsWith("http://")) out.push({ url: `https://${url.slice(7)}`, label: "with https:// instead of http://" });
  const query = url.indexOf("?");
  if (query !== -1) out.push({ url: url.slice(0, query), label: "without its query string" });
  const path = query === -1 ? url : url.slice(0, query);
  const rest = query === -1 ? "" : url.slice(query);
  out.push(
    path.endsWith("/") ? { url: path.slice(0, -1) + rest, label: "without the trailing slash" } : { url: `${path}/${rest}`, label: "with a trailing slash" },
  );
  return out;
}

/**
 * Tries the readings of the request that commonly explain a mismatch. Only a reading that really
 * verifies is reported as the cause; otherwise the reader gets a list of things to check.
 */
function explainMismatch(req: RequestView, module: SchemeModule, secret: SecretConfig, outcome: Checked): { lead: string; hints: string[] } {
  const keyHint = matchingKeyAlternative(req, module, secret);
  if (keyHint) return { lead: keyHint, hints: [keyHint] };

  for (const alternative of bodyAlternatives(req)) {
    if (signatureMatches(module.check(req.with({ body: alternative.body }), { secret }))) {
      const hint = `The body looks re-serialised: the signature matches ${alternative.label}, not the bytes received. Something between the sender and Hookscope re-formatted it, or the sender signed a different form than it sent.`;
      return { lead: hint, hints: [hint] };
    }
  }

  if (module.signsUrl) {
    for (const alternative of urlAlternatives(req.url)) {
      if (signatureMatches(module.check(req.with({ url: alternative.url }), { secret }))) {
        const hint = `The signature matches the URL ${alternative.label} (${alternative.url}): the sender signed a different URL than the one captured, e.g. a proxy in front of Hookscope changed it.`;
        return { lead: hint, hints: [hint] };
      }
    }
  }

  if (outcome.diagnosis) return { lead: outcome.diagnosis, hints: [outcome.diagnosis] };

  const hints: string[] = [];
  hints.push(
    `Check that the secret is the ${module.secret.label} of this very endpoint or subscription (providers issue one per endpoint, and test and live modes differ).`,
  );
  const text = req.json() !== undefined ? req.bodyText() : "";
  if (/\n[ \t]+"/.test(text)) {
    hints.push(
      "The body is indented JSON while most providers send compact JSON: it may have been re-serialised on the way; the raw bytes must reach the verifier unchanged.",
    );
  } else {
    hints.push("Check that the body reached Hookscope unchanged: the signature covers the exact bytes sent.");
  }
  return { lead: "", hints };
}
