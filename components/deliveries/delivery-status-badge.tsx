import type { DeliverySummary } from "@/lib/shared/api-types";

const STYLES: Record<DeliverySummary["status"], { label: string; className: string }> = {
  pending: { label: "waiting to retry", className: "bg-amber-100 text-amber-800 dark:bg-amber-400/10 dark:text-amber-300" },
  sending: { label: "sending", className: "bg-sky-100 text-sky-800 dark:bg-sky-400/10 dark:text-sky-300" },
  succeeded: { label: "delivered", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-400/10 dark:text-emerald-300" },
  dead: { label: "gave up", className: "bg-rose-100 text-rose-800 dark:bg-rose-400/10 dark:text-rose-300" },
};

export function DeliveryStatusBadge({ status }: { status: DeliverySummary["status"] }) {
  const { label, className } = STYLES[status];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${className}`}>{label}</span>;
}

const KIND_LABELS: Record<DeliverySummary["kind"], string> = { replay: "Replay", forward: "Auto-forward", cli: "CLI forward" };

export function DeliveryKindLabel({ kind }: { kind: DeliverySummary["kind"] }) {
  return <span className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{KIND_LABELS[kind]}</span>;
}
