"use client";
import { useMemo, type ReactNode } from "react";
import type { RequestDetail } from "@/lib/shared/api-types";
import { base64ToBytes } from "@/lib/shared/body/bytes";
import { formatJson, parseJson } from "@/lib/shared/body/json";
import { diffHeaders, diffLines, firstDifference, type DiffOp, type HeaderDiffRow } from "@/lib/client/diff";
import { formatBytes, formatTimestamp, queryWithMark } from "@/lib/client/format";
import { useRequestDetail } from "@/lib/client/use-request-detail";
import { Button } from "@/components/ui/button";
import { XIcon } from "@/components/ui/icons";
import { MethodBadge } from "@/components/ui/method-badge";

interface ComparePaneProps {
  binId: string;
  token: string;
  leftId: string;
  rightId: string;
  onClose(): void;
}

/** Two requests side by side; what differs is highlighted. The older one is on the left. */
export function ComparePane({ binId, token, leftId, rightId, onClose }: ComparePaneProps) {
  const left = useRequestDetail(binId, token, leftId);
  const right = useRequestDetail(binId, token, rightId);
  return (
    <section
      aria-label="Compare requests"
      className="flex min-h-96 flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs lg:min-h-0 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex shrink-0 items-center gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 className="text-sm font-semibold">Compare two requests</h2>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose}>
          <XIcon className="size-3.5" /> Close
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-4">
        {left.status === "ready" && right.status === "ready" ? (
          <Comparison left={left.detail} right={right.detail} />
        ) : (
          <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
            {left.status === "gone" || right.status === "gone"
              ? "One of these requests was deleted."
              : left.status === "error" || right.status === "error"
                ? "Could not load both requests."
                : "Loading…"}
          </p>
        )}
      </div>
    </section>
  );
}

function Comparison({ left, right }: { left: RequestDetail; right: RequestDetail }) {
  const headers = useMemo(() => diffHeaders(left.headers, right.headers), [left.headers, right.headers]);
  const changed = headers.filter((row) => row.status !== "same").length;
  return (
    <div className="flex flex-col gap-6">
      <div className="grid grid-cols-2 gap-3 text-sm">
        <Side detail={left} />
        <Side detail={right} />
      </div>
      <Section title="Headers" note={changed === 0 ? "identical" : `${changed} of ${headers.length} differ`}>
        <HeaderDiffTable rows={headers} />
      </Section>
      <Section title="Body" note={null}>
        <BodyDiff left={left} right={right} />
      </Section>
    </div>
  );
}

function Side({ detail }: { detail: RequestDetail }) {
  return (
    <div className="min-w-0 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-200 dark:bg-zinc-800/40 dark:ring-zinc-800">
      <div className="flex min-w-0 items-center gap-2">
        <MethodBadge method={detail.method} />
        <span className="truncate font-mono text-[13px]">{`${detail.path || "/"}${queryWithMark(detail.query)}`}</span>
      </div>
      <p className="mt-1 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        #{detail.sequence} · {formatTimestamp(detail.receivedAt)} · {formatBytes(detail.bodySize)}
      </p>
    </div>
  );
}

function Section({ title, note, children }: { title: string; note: string | null; children: ReactNode }) {
  return (
    <section aria-label={`${title} comparison`}>
      <h3 className="mb-2 flex items-baseline gap-2 text-sm font-semibold">
        {title}
        {note && <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{note}</span>}
      </h3>
      {children}
    </section>
  );
}

const STATUS_CLASS: Record<HeaderDiffRow["status"], string> = {
  same: "",
  changed: "bg-amber-50 dark:bg-amber-400/10",
  "left-only": "bg-rose-50 dark:bg-rose-400/10",
  "right-only": "bg-emerald-50 dark:bg-emerald-400/10",
};

const STATUS_LABEL: Record<HeaderDiffRow["status"], string> = {
  same: "same",
  changed: "differs",
  "left-only": "only left",
  "right-only": "only right",
};

function HeaderDiffTable({ rows }: { rows: HeaderDiffRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] table-fixed border-collapse text-left text-[12.5px]">
        <caption className="sr-only">Headers of both requests, matched by name</caption>
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="w-[28%] py-1.5 pr-2 font-medium">
              Name
            </th>
            <th scope="col" className="py-1.5 pr-2 font-medium">
              Left
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Right
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 font-mono dark:divide-zinc-800/70">
          {rows.map((row) => (
            <tr key={row.name.toLowerCase()} data-diff={row.status} className={`align-top ${STATUS_CLASS[row.status]}`}>
              <th scope="row" className="py-1 pr-2 font-medium break-all text-sky-800 dark:text-sky-300">
                {row.name}
                {row.status !== "same" && (
                  <span className="ml-1.5 font-sans text-[10px] font-medium text-amber-700 uppercase dark:text-amber-300">{STATUS_LABEL[row.status]}</span>
                )}
              </th>
              <td className="py-1 pr-2 break-all whitespace-pre-wrap">{row.left.join("\n") || <Missing />}</td>
              <td className="py-1 break-all whitespace-pre-wrap">{row.right.join("\n") || <Missing />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Missing = () => <span className="font-sans text-zinc-400 italic">absent</span>;

/** Lines compared after JSON re-indentation when both sides are JSON, so key order changes stand out. */
function comparableText(detail: RequestDetail): string | null {
  if (detail.bodyText === null) return null;
  return parseJson(detail.bodyText).ok ? formatJson(detail.bodyText) : detail.bodyText;
}

function BodyDiff({ left, right }: { left: RequestDetail; right: RequestDetail }) {
  const result = useMemo(() => {
    const a = comparableText(left);
    const b = comparableText(right);
    if (a === null || b === null) {
      const offset = firstDifference(base64ToBytes(left.bodyBase64), base64ToBytes(right.bodyBase64));
      return { kind: "binary" as const, offset };
    }
    if (a === b) return { kind: "same" as const };
    return { kind: "text" as const, ops: diffLines(a.split("\n"), b.split("\n")), a, b };
  }, [left, right]);

  if (result.kind === "same") return <p className="text-sm text-zinc-500 dark:text-zinc-400">The bodies are identical.</p>;
  if (result.kind === "binary") {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        {result.offset === -1
          ? "The bodies are byte-identical."
          : `The bodies differ from byte ${result.offset} on (${formatBytes(left.bodySize)} vs ${formatBytes(right.bodySize)}); at least one is binary, so no line diff.`}
      </p>
    );
  }
  if (!result.ops) return <p className="text-sm text-zinc-600 dark:text-zinc-300">The bodies differ too much for a line-by-line comparison.</p>;
  return <SideBySide ops={result.ops} />;
}

/** Pairs removed and added runs into rows, so a changed line sits next to its replacement. */
function toRows(ops: DiffOp[]): { left: DiffOp | null; right: DiffOp | null }[] {
  const rows: { left: DiffOp | null; right: DiffOp | null }[] = [];
  for (let i = 0; i < ops.length;) {
    const op = ops[i] as DiffOp;
    if (op.kind === "same") {
      rows.push({ left: op, right: op });
      i++;
      continue;
    }
    const removed: DiffOp[] = [];
    const added: DiffOp[] = [];
    while (i < ops.length && ops[i]?.kind !== "same") {
      const current = ops[i] as DiffOp;
      (current.kind === "removed" ? removed : added).push(current);
      i++;
    }
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push({ left: removed[k] ?? null, right: added[k] ?? null });
  }
  return rows;
}

const CELL: Record<DiffOp["kind"], string> = {
  same: "text-zinc-600 dark:text-zinc-400",
  removed: "bg-rose-100/80 text-rose-900 dark:bg-rose-500/15 dark:text-rose-200",
  added: "bg-emerald-100/80 text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-200",
};

function SideBySide({ ops }: { ops: DiffOp[] }) {
  const rows = useMemo(() => toRows(ops), [ops]);
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-zinc-200 dark:ring-zinc-800">
      <table aria-label="Body differences" className="w-full min-w-[32rem] table-fixed border-collapse font-mono text-[12px] leading-5">
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} data-diff={row.left?.kind === "same" ? "same" : "changed"}>
              <td className={`w-1/2 border-r border-zinc-200 px-2 break-all whitespace-pre-wrap dark:border-zinc-800 ${row.left ? CELL[row.left.kind] : ""}`}>
                {row.left?.text}
              </td>
              <td className={`w-1/2 px-2 break-all whitespace-pre-wrap ${row.right ? CELL[row.right.kind] : ""}`}>{row.right?.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
