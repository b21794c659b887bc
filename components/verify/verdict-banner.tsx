import type { Verification } from "@/lib/client/owner-types";

type Look = "valid" | "late" | "mismatch" | "missing" | "unsupported" | "no_secret" | "not_signed";

const EMERALD = "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/70 dark:bg-emerald-950/30 dark:text-emerald-200";
const ROSE = "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900/70 dark:bg-rose-950/40 dark:text-rose-200";
const AMBER = "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/70 dark:bg-amber-950/30 dark:text-amber-200";
const ZINC = "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200";

const LOOKS: Record<Look, { title: string; className: string; mark: string }> = {
  valid: { title: "Signature valid", mark: "✓", className: EMERALD },
  late: { title: "Signed, but late", mark: "!", className: AMBER },
  mismatch: { title: "Signature does not match", mark: "✕", className: ROSE },
  missing: { title: "Signature missing", mark: "✕", className: ROSE },
  unsupported: { title: "Could not be checked", mark: "?", className: AMBER },
  no_secret: { title: "Signed, but not checked", mark: "?", className: AMBER },
  not_signed: { title: "Not signed", mark: "–", className: ZINC },
};

/** Which of the banners a verdict gets: the signature decides, the timestamp only turns a match into "late". */
function lookOf(verification: Verification): Look {
  switch (verification.signature) {
    case "matches":
      return verification.freshness === "stale" ? "late" : "valid";
    case "mismatch":
      return "mismatch";
    case "unsupported":
      return "unsupported";
    case "no_secret":
      return "no_secret";
    case "not_signed":
      // Only a generic HMAC secret makes an unsigned request invalid: its header is expected.
      return verification.status === "invalid" ? "missing" : "not_signed";
    default:
      // A server from before the two dimensions: the one-word status.
      return verification.status === "valid" ? "valid" : verification.status === "invalid" ? "mismatch" : verification.status;
  }
}

/** The verdict at a glance: status, scheme, and the reason in the server's plain words. */
export function VerdictBanner({ verification, schemeName }: { verification: Verification; schemeName: string | null }) {
  const look = LOOKS[lookOf(verification)];
  return (
    <div role="status" className={`flex gap-3 rounded-lg border p-3.5 ${look.className}`}>
      <span aria-hidden="true" className="flex size-7 shrink-0 items-center justify-center rounded-full bg-current/10 text-base font-bold">
        {look.mark}
      </span>
      <div className="min-w-0">
        <p className="font-semibold">
          {look.title}
          {schemeName && <span className="ml-2 text-sm font-normal opacity-80">{schemeName}</span>}
        </p>
        <p className="mt-0.5 text-sm break-words opacity-90">{verification.reason}</p>
      </div>
    </div>
  );
}
