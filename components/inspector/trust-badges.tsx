import type { RequestSummary } from "@/lib/api-types";

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

/** What the trust checks and the answer say about a request, as short labels (nothing when all is ordinary). */
export function trustBadges(request: RequestSummary): Badge[] {
  const badges: Badge[] = [];
  if (request.verdict === "valid") badges.push({ label: "signed ✓", title: "The signature verifies with this bin's secret.", tone: "good" });
  if (request.verdict === "invalid") badges.push({ label: "bad signature", title: "The signature does not verify: see Verify.", tone: "bad" });
  if (request.verdict === "no_secret") badges.push({ label: "signed", title: "Signed, but this bin has no secret for the scheme: add one in Settings.", tone: "muted" });
  if (request.replaySuspected) badges.push({ label: "replay?", title: "The signature's timestamp is outside the scheme's window.", tone: "warn" });
  if (request.duplicateOf) badges.push({ label: "duplicate", title: `The same delivery arrived before (request ${request.duplicateOf}).`, tone: "warn" });
  if (request.authFailure) badges.push({ label: request.responseStatus === 401 ? "rejected" : "auth failed", title: `Delivery auth: ${request.authFailure}.`, tone: "bad" });
  if (request.responseStatus === 0) badges.push({ label: "held", title: "A hold rule sent no answer.", tone: "muted" });
  else if (request.responseStatus >= 300 && request.responseStatus !== 401) {
    badges.push({ label: `→ ${request.responseStatus}`, title: `Answered ${request.responseStatus}${request.responseRule ? ` (${request.responseRule})` : ""}.`, tone: "muted" });
  }
  return badges;
}

export function TrustBadges({ request }: { request: RequestSummary }) {
  const badges = trustBadges(request);
  if (badges.length === 0) return null;
  return (
    <span className="flex shrink-0 items-center gap-1">
      {badges.map((badge) => (
        <span key={badge.label} title={badge.title} className={`rounded px-1.5 py-px text-[11px] leading-4 font-medium whitespace-nowrap ring-1 ring-inset ${TONES[badge.tone]}`}>
          {badge.label}
        </span>
      ))}
    </span>
  );
}
