"use client";
import { createContext, memo, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { childPath, type JsonNode } from "@/lib/shared/body/json";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** Children drawn per step: a 50,000-item array opens at once instead of freezing the tab. */
const CHILD_STEP = 200;
/** Levels open when the tree first shows. */
const OPEN_DEPTH = 2;

type Mode = "default" | "all" | "none";

interface TreeState {
  source: string;
  isOpen(path: string, depth: number): boolean;
  toggle(path: string, depth: number): void;
  shown(path: string): number;
  showMore(path: string): void;
}

const TreeContext = createContext<TreeState | null>(null);

function useTree(): TreeState {
  const tree = useContext(TreeContext);
  if (!tree) throw new Error("JSON tree nodes render inside JsonTreeView");
  return tree;
}

/** The parsed body as a collapsible tree; values keep the text they were sent as. */
export function JsonTreeView({ root, source }: { root: JsonNode; source: string }) {
  const [mode, setMode] = useState<Mode>("default");
  const [overrides, setOverrides] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [steps, setSteps] = useState<ReadonlyMap<string, number>>(new Map());

  const defaultOpen = useCallback((depth: number) => (mode === "all" ? true : mode === "none" ? depth === 0 : depth < OPEN_DEPTH), [mode]);
  const tree = useMemo<TreeState>(
    () => ({
      source,
      isOpen: (path, depth) => overrides.get(path) ?? defaultOpen(depth),
      toggle: (path, depth) => setOverrides((prev) => new Map(prev).set(path, !(prev.get(path) ?? defaultOpen(depth)))),
      shown: (path) => steps.get(path) ?? CHILD_STEP,
      showMore: (path) => setSteps((prev) => new Map(prev).set(path, (prev.get(path) ?? CHILD_STEP) + CHILD_STEP)),
    }),
    [source, overrides, steps, defaultOpen],
  );
  const setAll = (next: Mode) => {
    setMode(next);
    setOverrides(new Map());
  };

  return (
    <TreeContext.Provider value={tree}>
      <div className="mb-2 flex flex-wrap gap-2">
        <Button size="sm" onClick={() => setAll("all")}>
          Expand all
        </Button>
        <Button size="sm" onClick={() => setAll("none")}>
          Collapse all
        </Button>
      </div>
      <ul aria-label="JSON tree" className="font-mono text-[13px] leading-6">
        <TreeNode node={root} path="$" label={null} depth={0} duplicate={false} />
      </ul>
    </TreeContext.Provider>
  );
}

interface TreeNodeProps {
  node: JsonNode;
  path: string;
  /** Property name or array index; null for the root. */
  label: string | number | null;
  depth: number;
  duplicate: boolean;
}

const TreeNode = memo(function TreeNode({ node, path, label, depth, duplicate }: TreeNodeProps) {
  const tree = useTree();
  const container = node.kind === "object" || node.kind === "array";
  const open = container && tree.isOpen(path, depth);
  const count = node.kind === "object" ? node.entries.length : node.kind === "array" ? node.items.length : 0;
  const copyValue = node.kind === "string" ? node.value : tree.source.slice(node.start, node.end);
  const name = label === null ? "root" : String(label);

  return (
    <li data-path={path}>
      <div
        className="group relative flex min-w-0 items-start gap-1 rounded pr-1 hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
        style={{ paddingLeft: depth * 16 }}
      >
        {container && count > 0 ? (
          <button
            type="button"
            aria-expanded={open}
            aria-label={`${open ? "Collapse" : "Expand"} ${name}`}
            onClick={() => tree.toggle(path, depth)}
            className="mt-1 flex size-4 shrink-0 items-center justify-center rounded text-zinc-400 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-zinc-100"
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" className={`size-3 transition-transform ${open ? "rotate-90" : ""}`}>
              <path d="M6 4l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
        ) : (
          <span className="w-4 shrink-0" aria-hidden="true" />
        )}
        <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
          {label !== null && (
            <>
              <span className={typeof label === "number" ? "text-zinc-400 dark:text-zinc-500" : "text-sky-800 dark:text-sky-300"}>
                {typeof label === "number" ? label : JSON.stringify(label)}
              </span>
              <span className="text-zinc-400">: </span>
            </>
          )}
          <NodeValue node={node} open={open} count={count} />
          {duplicate && <Badge title="This key appears more than once in the object; JSON.parse would keep only the last value.">duplicate key</Badge>}
          {node.kind === "number" && node.lossy && (
            <Badge title={`Beyond double precision: JavaScript would read this as ${String(Number(node.raw))}. Shown as sent.`}>precision</Badge>
          )}
        </span>
        {/* Over the end of the line, not beside it: the values keep the full width. Shown on hover, and on
            focus so that keyboard users reach them (a tap shows them on touch screens). */}
        <span className="pointer-events-none absolute top-0 right-0 flex rounded bg-zinc-50 opacity-0 shadow-xs ring-1 ring-zinc-200 group-focus-within:pointer-events-auto group-focus-within:opacity-100 group-hover:pointer-events-auto group-hover:opacity-100 dark:bg-zinc-800 dark:ring-zinc-700">
          <CopyButton text={path} label={`Copy path ${path}`} className="h-6 px-1.5" />
          <CopyButton text={copyValue} label={`Copy value of ${path}`} className="h-6 px-1.5" />
        </span>
      </div>
      {open && <Children node={node} path={path} depth={depth} />}
    </li>
  );
});

function Children({ node, path, depth }: { node: JsonNode; path: string; depth: number }) {
  const tree = useTree();
  const shown = tree.shown(path);
  if (node.kind !== "object" && node.kind !== "array") return null;
  const total = node.kind === "object" ? node.entries.length : node.items.length;
  return (
    <ul>
      {node.kind === "object"
        ? node.entries.slice(0, shown).map((entry, index) => (
            <TreeNode
              key={index}
              node={entry.value}
              // Duplicate keys get distinct paths so each can be opened on its own.
              path={entry.duplicate ? `${childPath(path, entry.key)}#${index}` : childPath(path, entry.key)}
              label={entry.key}
              depth={depth + 1}
              duplicate={entry.duplicate}
            />
          ))
        : node.items
            .slice(0, shown)
            .map((item, index) => <TreeNode key={index} node={item} path={childPath(path, index)} label={index} depth={depth + 1} duplicate={false} />)}
      {total > shown && (
        <li style={{ paddingLeft: (depth + 1) * 16 + 20 }}>
          <Button size="sm" variant="ghost" onClick={() => tree.showMore(path)}>
            Show {Math.min(CHILD_STEP, total - shown)} more of {total - shown} remaining
          </Button>
        </li>
      )}
    </ul>
  );
}

function NodeValue({ node, open, count }: { node: JsonNode; open: boolean; count: number }) {
  switch (node.kind) {
    case "object":
      return <Summary open={open} brackets="{}" text={`${count} ${count === 1 ? "key" : "keys"}`} />;
    case "array":
      return <Summary open={open} brackets="[]" text={`${count} ${count === 1 ? "item" : "items"}`} />;
    case "string":
      return <span className="break-all whitespace-pre-wrap text-emerald-700 dark:text-emerald-300">{JSON.stringify(node.value)}</span>;
    case "number":
      return <span className="text-amber-700 dark:text-amber-300">{node.raw}</span>;
    case "literal":
      return <span className="text-violet-700 dark:text-violet-300">{node.raw}</span>;
  }
}

function Summary({ open, brackets, text }: { open: boolean; brackets: string; text: string }) {
  if (open) return <span className="text-zinc-400">{brackets[0]}</span>;
  return (
    <span className="text-zinc-500 dark:text-zinc-400">
      {brackets[0]}
      {text === "0 keys" || text === "0 items" ? "" : "…"}
      {brackets[1]} <span className="text-xs text-zinc-400 dark:text-zinc-500">{text}</span>
    </span>
  );
}

function Badge({ title, children }: { title: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className="ml-2 inline-block rounded bg-amber-100 px-1 align-middle font-sans text-[10px] leading-4 font-medium text-amber-800 dark:bg-amber-400/15 dark:text-amber-200"
    >
      {children}
    </span>
  );
}
