import type { RequestSummary } from "@/lib/shared/api-types";
import { isLoopback } from "@/lib/client/trust-words";

type Tone = "good" | "bad" | "warn" | "muted";

const TONES: Record<Tone, string> = {
  good: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  bad: "bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20",
  warn: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/20",
  muted: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-500/20",
};

interface Badge {
  label: string;
  title: string;
  tone: Tone;
}

/** The signature and its timestamp, as one badge (none for a request that carries no signature). */
function signatureBadge(request: RequestSummary): Badge | null {
  switch (request.signature) {
    case "matches":
      return request.freshness === "stale"
        ? {
            label: "signed, late",
            title:
              "The signature matches this bin's secret, but its timestamp is outside the scheme's window. By design a genuine delivery that arrived late or was resent (a provider retry, or a replay): see Verify.",
            tone: "warn",
          }
        : { label: "signed ✓", title: "The signature verifies with this bin's secret.", tone: "good" };
    case "mismatch":
      return {
        label: "bad signature",
        title: "The signature does not match: forged, altered on the way, or signed with another secret. See Verify.",
        tone: "bad",
      };
    case "unsupported":
      return {
        label: "can't verify",
        title: "Signed, but the signature could not be checked (unreadable header, unusable key or configuration): see Verify.",
        tone: "warn",
      };
    case "no_secret":
      return { label: "signed", title: "Signed, but this bin has no secret for the scheme: add one in Settings.", tone: "muted" };
    case "pending":
      return { label: "checking…", title: "Stored before signatures and timestamps were judged apart; being checked again.", tone: "muted" };
    default:
      return null;
  }
}

/** What the trust checks and the answer say about a request, as short labels (nothing when all is ordinary). */
export function trustBadges(request: RequestSummary): Badge[] {
  const badges: Badge[] = [];
  const signature = signatureBadge(request);
  if (signature) badges.push(signature);
  if (request.duplicateOf) badges.push({ label: "duplicate", title: `The same delivery arrived before (request ${request.duplicateOf}).`, tone: "warn" });
  if (request.sourceFailure) {
    badges.push({
      label: request.responseStatus === 403 ? "rejected" : "outside allow-list",
      title: `Sender allow-list: ${request.sourceFailure}${request.responseStatus === 403 ? " (refused with 403)" : " (flagged, accepted)"}.`,
      tone: "bad",
    });
  }
  if (request.authFailure)
    badges.push({ label: request.responseStatus === 401 ? "rejected" : "auth failed", title: `Delivery auth: ${request.authFailure}.`, tone: "bad" });
  // Local curl tests come over plain HTTP too: only senders from elsewhere are worth a badge.
  if (request.plainHttp && !isLoopback(request.remoteAddress)) {
    badges.push({ label: "plain HTTP", title: "Arrived over plain HTTP, not HTTPS: anyone on the way could read it, signature included.", tone: "muted" });
  }
  // 401 and 403 already read "rejected" beside the failure that caused them.
  const rejectedAlready = (request.responseStatus === 401 && request.authFailure) || (request.responseStatus === 403 && request.sourceFailure);
  if (request.responseStatus === 0) badges.push({ label: "held", title: "A hold rule sent no answer.", tone: "muted" });
  else if (request.responseStatus >= 300 && !rejectedAlready) {
    badges.push({
      label: `→ ${request.responseStatus}`,
      title: `Answered ${request.responseStatus}${request.responseRule ? ` (${request.responseRule})` : ""}.`,
      tone: "muted",
    });
  }
  return badges;
}

const SEVERITY: Record<Tone, number> = { bad: 0, warn: 1, good: 2, muted: 3 };

/** Where each badge stands when a row has room for only some: the worst news first, ties in list order. */
function keepOrder(badges: Badge[]): number[] {
  const ranks = new Array<number>(badges.length);
  badges
    .map((badge, index) => ({ badge, index }))
    .sort((a, b) => SEVERITY[a.badge.tone] - SEVERITY[b.badge.tone] || a.index - b.index)
    .forEach(({ index }, rank) => (ranks[index] = rank));
  return ranks;
}

const BADGE = "rounded px-1.5 py-px text-[11px] leading-4 font-medium whitespace-nowrap ring-1 ring-inset";

/** "+2" for the badges a narrow row leaves out; its title lists them. */
function More({ hidden, className }: { hidden: Badge[]; className: string }) {
  if (hidden.length === 0) return null;
  return (
    <span title={hidden.map((badge) => `${badge.label}: ${badge.title}`).join("\n")} className={`${BADGE} ${TONES.muted} ${className}`}>
      +{hidden.length}
      <span className="sr-only"> more: {hidden.map((badge) => badge.label).join(", ")}</span>
    </span>
  );
}

// Written out in full for Tailwind to find: shown only on a row line at least 16rem wide (the line is an
// @container), and only on a narrower one.
const WIDE_ONLY = "hidden @min-[16rem]:inline";
const NARROW_ONLY = "@min-[16rem]:hidden";

/**
 * The badges in one line. `fit="row"` (a list row, whose height is fixed): on a narrow line (under
 * 16rem, a phone) the two worst are shown, on a wider one three, and "+N" stands for the rest.
 * `fit="wrap"`: all of them, wrapping.
 */
export function TrustBadges({ request, fit = "wrap" }: { request: RequestSummary; fit?: "row" | "wrap" }) {
  const badges = trustBadges(request);
  if (badges.length === 0) return null;
  if (fit === "wrap") {
    return (
      <span className="flex flex-wrap items-center gap-1">
        {badges.map((badge, index) => (
          <span key={`${index}:${badge.label}`} title={badge.title} className={`${BADGE} ${TONES[badge.tone]}`}>
            {badge.label}
          </span>
        ))}
      </span>
    );
  }
  const ranks = keepOrder(badges);
  return (
    <span className="flex shrink-0 items-center gap-1">
      {badges.map((badge, index) => {
        const rank = ranks[index]!;
        const visibility = rank < 2 ? "" : rank < 3 ? WIDE_ONLY : "hidden";
        return (
          <span key={`${index}:${badge.label}`} title={badge.title} className={`${BADGE} ${TONES[badge.tone]} ${visibility}`}>
            {badge.label}
          </span>
        );
      })}
      {badges.length > 2 && <More hidden={badges.filter((_, index) => ranks[index]! >= 2)} className={NARROW_ONLY} />}
      {badges.length > 3 && <More hidden={badges.filter((_, index) => ranks[index]! >= 3)} className={WIDE_ONLY} />}
    </span>
  );
}
