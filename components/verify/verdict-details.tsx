import type { ReactNode } from "react";
import type { Verification } from "@/lib/client/owner-types";
import { signatureWords, timestampWords } from "@/lib/client/trust-words";
import { TextBlock } from "@/components/owner-tools/text-block";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{children}</dd>
    </>
  );
}

const muted = "text-zinc-500 dark:text-zinc-400";

/** The two dimensions of the verdict in words, then where the signature was read and what was compared. */
export function VerdictDetails({ verification }: { verification: Verification }) {
  const details = verification.details ?? {};
  const { header, expected, received, signedUrl, signedUrlSource, signedPayloadPreview } = details;
  // A server from before the two dimensions sends neither: leave the rows out rather than guess.
  const twoDimensions = verification.signature !== undefined && verification.freshness !== undefined;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[minmax(6.5rem,auto)_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm sm:grid-cols-[11rem_minmax(0,1fr)]">
        {twoDimensions && (
          <>
            <Row term="Signature">{signatureWords(verification.signature)}</Row>
            <Row term="Timestamp">{timestampWords(verification.freshness, details)}</Row>
          </>
        )}
        {signedUrl !== undefined && (
          <Row term="Checked URL">
            <span className="font-mono break-all">{signedUrl}</span>{" "}
            <span className={muted}>
              {signedUrlSource === "configured" ? "(the configured public URL, plus the captured subpath and query)" : "(rebuilt from the request)"}
            </span>
          </Row>
        )}
        {header !== undefined && (
          <Row term="Read from">
            <span className="font-mono break-all">{header}</span>
          </Row>
        )}
        {received !== undefined && (
          <Row term="Received">
            <span className="font-mono break-all">{received}</span>
          </Row>
        )}
        {expected !== undefined && (
          <Row term="Expected (start)">
            <span className="font-mono break-all">{expected}</span>
          </Row>
        )}
      </dl>
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
