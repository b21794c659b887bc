import type { Verification } from "@/lib/client/owner-types";

const LOOKS: Record<Verification["status"], { title: string; className: string; mark: string }> = {
  valid: { title: "Signature valid", mark: "✓", className: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/70 dark:bg-emerald-950/30 dark:text-emerald-200" },
  invalid: { title: "Signature invalid", mark: "✕", className: "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900/70 dark:bg-rose-950/40 dark:text-rose-200" },
  no_secret: { title: "Signed, but not checked", mark: "?", className: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/70 dark:bg-amber-950/30 dark:text-amber-200" },
  not_signed: { title: "Not signed", mark: "–", className: "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200" },
};

/** The verdict at a glance: status, scheme, and the reason in the server's plain words. */
export function VerdictBanner({ verification, schemeName }: { verification: Verification; schemeName: string | null }) {
  const look = LOOKS[verification.status];
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
