import type { RequestDetail } from "@/lib/shared/api-types";
import { changeText } from "@/lib/shared/shapes/shape";

/** The request's event type and how its body's shape compares with that type's shape before it. */
export function ShapeTab({ detail }: { detail: RequestDetail }) {
  return (
    <div className="space-y-3 p-4 text-sm">
      <p>
        <span className="text-zinc-500 dark:text-zinc-400">Event type </span>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] dark:bg-zinc-800">{detail.eventType ?? "not JSON"}</span>
      </p>
      {detail.shapeChanges.length > 0 ? (
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
    </div>
  );
}
