"use client";
import { useMemo } from "react";
import { prettyXml, xmlLinesToText, type XmlLine } from "@/lib/shared/body/xml";
import { CopyButton } from "@/components/ui/copy-button";
import { Note } from "./note";
import { TextView } from "./text-view";

const KIND_CLASS: Record<XmlLine["kind"], string> = {
  tag: "text-sky-800 dark:text-sky-300",
  text: "text-zinc-800 dark:text-zinc-200",
  comment: "text-zinc-400 italic dark:text-zinc-500",
  cdata: "text-emerald-700 dark:text-emerald-300",
  pi: "text-violet-700 dark:text-violet-300",
  doctype: "text-violet-700 dark:text-violet-300",
};

/** Above this many lines the colouring is dropped: one span per line gets expensive. */
const COLOURED_LINES = 5000;

export function XmlView({ text }: { text: string }) {
  const pretty = useMemo(() => prettyXml(text), [text]);
  const formatted = useMemo(() => xmlLinesToText(pretty.lines), [pretty]);
  return (
    <div className="relative">
      {pretty.problem && (
        <Note>
          Not well-formed XML: {pretty.problem.message} at line {pretty.problem.line}, column {pretty.problem.column}. The indentation below is a best effort;
          the Text view has the body as received.
        </Note>
      )}
      <div className="absolute right-0" style={{ top: pretty.problem ? undefined : 0 }}>
        <CopyButton text={formatted} label="Copy pretty XML" showText />
      </div>
      {pretty.lines.length <= COLOURED_LINES ? (
        <pre aria-label="Pretty XML" className="pr-20 font-mono text-[13px] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
          {pretty.lines.map((line, index) => (
            <span key={index} className={`block ${KIND_CLASS[line.kind]}`} style={{ paddingLeft: `${line.depth * 2}ch` }}>
              {line.text}
            </span>
          ))}
        </pre>
      ) : (
        <TextView text={formatted} label="Pretty XML" className="pr-20" />
      )}
    </div>
  );
}
