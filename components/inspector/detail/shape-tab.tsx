import type { RequestDetail, SchemaCheck } from "@/lib/shared/api-types";
import { changeText } from "@/lib/shared/shapes/shape";

/** The request's event type and how its body's shape compares with that type's shape before it. */
export function ShapeTab({ detail }: { detail: RequestDetail }) {
  return (
    <div className="space-y-3 p-4 text-sm">
      <p>
        <span className="text-zinc-500 dark:text-zinc-400">Event type </span>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] dark:bg-zinc-800">{detail.eventType ?? "not JSON"}</span>
      </p>
      {detail.checksPending && detail.shapeDrift === null && detail.shapeNote === null && detail.eventType !== null ? (
        <p data-testid="shape-pending" className="text-zinc-600 dark:text-zinc-400">
          Pending: its shape is compared with the {detail.eventType} requests before it in the background, and shown here when done.
        </p>
      ) : detail.shapeChanges.length > 0 ? (
        <>
          <p className="font-medium text-amber-800 dark:text-amber-300">
            Its shape differs from the {detail.eventType} requests before it in {detail.shapeChanges.length} {detail.shapeChanges.length === 1 ? "way" : "ways"}
            :
          </p>
          <ul data-testid="shape-changes" className="space-y-1.5">
            {detail.shapeChanges.map((change) => (
              <li
                key={`${change.kind}:${change.path}`}
                className="rounded-md bg-amber-50 px-3 py-2 font-mono text-[13px] break-all text-amber-950 ring-1 ring-amber-200 ring-inset dark:bg-amber-400/10 dark:text-amber-100 dark:ring-amber-400/20"
              >
                {changeText(change)}
              </li>
            ))}
          </ul>
        </>
      ) : detail.shapeNote ? (
        <p className="text-zinc-600 dark:text-zinc-400">Not compared: {detail.shapeNote}.</p>
      ) : detail.shapeDrift === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">Same shape as the {detail.eventType} requests before it.</p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">Not compared: only JSON bodies have a shape.</p>
      )}
      {detail.schemaCheck && <SchemaCheckView check={detail.schemaCheck} eventType={detail.eventType ?? ""} />}
    </div>
  );
}

const VERDICT_STYLES: Record<SchemaCheck["result"], string> = {
  pass: "text-emerald-800 dark:text-emerald-300",
  fail: "text-red-800 dark:text-red-300",
  not_checked: "text-zinc-600 dark:text-zinc-400",
};

/** The request against the owner's JSON Schema for its type, and whether that verdict is from its arrival or from now. */
function SchemaCheckView({ check, eventType }: { check: SchemaCheck; eventType: string }) {
  const schema = `the ${eventType} schema (version ${check.schemaVersion})`;
  return (
    <section aria-labelledby="schema-check" data-testid="schema-check" className="space-y-1.5 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <h3 id="schema-check" className={`font-medium ${VERDICT_STYLES[check.result]}`}>
        {check.result === "pass"
          ? `Passes ${schema}.`
          : check.result === "fail"
            ? `Fails ${schema} in ${check.failureCount} ${check.failureCount === 1 ? "place" : "places"}:`
            : `Not checked against ${schema}: ${check.note}.`}
      </h3>
      {check.failures.length > 0 && (
        <ul data-testid="schema-failures" className="space-y-1.5">
          {check.failures.map((failure, i) => (
            <li
              key={`${i}:${failure.instancePath}`}
              className="rounded-md bg-red-50 px-3 py-2 font-mono text-[13px] break-all text-red-950 ring-1 ring-red-200 ring-inset dark:bg-red-400/10 dark:text-red-100 dark:ring-red-400/20"
            >
              <span className="font-semibold">{failure.instancePath || "(the body)"}</span> {failure.message}
            </li>
          ))}
        </ul>
      )}
      {check.failureCount > check.failures.length && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">and {check.failureCount - check.failures.length} more not kept.</p>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {check.evaluated === "capture"
          ? "Checked in the background against this version."
          : "Checked now: the background check against this version has not reached it yet."}
      </p>
    </section>
  );
}
