import type { ReactNode } from "react";
import { formatTimestamp } from "@/lib/client/format";
import { Alert } from "@/components/owner-tools/alert";

const captures = (count: number) => `${count} ${count === 1 ? "capture" : "captures"}`;

interface DroppedWarningProps {
  count: number;
  at: string | null;
  /** How the sentence ends, e.g. "this forwarder delivered them". */
  before: string;
  children?: ReactNode;
}

/** Captures removed before they were delivered: said plainly, because nothing else shows the loss. */
export function DroppedWarning({ count, at, before, children }: DroppedWarningProps) {
  return (
    <Alert tone="warning" title={`Retention removed ${captures(count)} before ${before}`}>
      {at ? `Last at ${formatTimestamp(at)}. ` : ""}
      {children}
    </Alert>
  );
}
