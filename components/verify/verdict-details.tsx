import type { ReactNode } from "react";
import type { VerificationDetails } from "@/lib/client/owner-types";
import { TextBlock } from "@/components/owner-tools/text-block";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className="min-w-0 break-all text-zinc-900 dark:text-zinc-100">{children}</dd>
    </>
  );
}

/** "95,328,520 s (about 3 years)": the exact figure, and its size in words once it is large. */
function formatAge(seconds: number): string {
  const exact = `${seconds.toLocaleString("en")} s`;
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs >= 2 * 365 * 86_400 ? [abs / (365 * 86_400), "years"]
    : abs >= 2 * 86_400 ? [abs / 86_400, "days"]
    : abs >= 2 * 3600 ? [abs / 3600, "hours"]
    : abs >= 120 ? [abs / 60, "minutes"]
    : [0, ""];
  if (!unit) return exact;
  return `${exact} (about ${Math.round(value)} ${unit}${seconds < 0 ? " in the future" : ""})`;
}

/** Where the signature was read, what was expected against what arrived, and the timestamp's age. */
export function VerdictDetails({ details }: { details: VerificationDetails }) {
  const { header, expected, received, timestampAgeSeconds, toleranceSeconds, replaySuspected, signedPayloadPreview } = details;
  const hasRows = header !== undefined || expected !== undefined || received !== undefined || timestampAgeSeconds !== undefined || replaySuspected;
  return (
    <div className="space-y-4">
      {hasRows && (
        <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-6 gap-y-2 text-sm sm:grid-cols-[11rem_1fr]">
          {header !== undefined && (
            <Row term="Read from">
              <span className="font-mono">{header}</span>
            </Row>
          )}
          {received !== undefined && (
            <Row term="Received">
              <span className="font-mono">{received}</span>
            </Row>
          )}
          {expected !== undefined && (
            <Row term="Expected (start)">
              <span className="font-mono">{expected}</span>
            </Row>
          )}
          {timestampAgeSeconds !== undefined && (
            <Row term="Timestamp age">
              {formatAge(timestampAgeSeconds)}
              {toleranceSeconds !== undefined && <span className="text-zinc-500 dark:text-zinc-400"> (tolerance {toleranceSeconds} s)</span>}
            </Row>
          )}
          {replaySuspected && <Row term="Replay">This looks like an old message sent again.</Row>}
        </dl>
      )}
      {signedPayloadPreview !== undefined && (
        <section>
          <h4 className="mb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-300">Signed bytes (start)</h4>
          <TextBlock label="Signed payload preview" text={signedPayloadPreview} className="max-h-48" />
        </section>
      )}
      {details.hints && details.hints.length > 0 && (
        <section>
          <h4 className="mb-1.5 text-xs font-medium text-zinc-600 dark:text-zinc-300">What to check</h4>
          <ul className="list-disc space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
            {details.hints.map((hint, index) => (
              <li key={index}>{hint}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
