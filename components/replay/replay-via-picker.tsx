"use client";
import { useId, type ReactNode } from "react";
import type { ForwarderInfo } from "@/lib/shared/api-types";
import type { ReplayVia } from "@/lib/client/owner-replay";

interface ReplayViaPickerProps {
  via: ReplayVia;
  /** The forwarders a CLI holds right now. */
  connected: readonly ForwarderInfo[];
  onChange(via: ReplayVia): void;
}

/** A URL the server sends to, or the developer's own machine through one of the connected CLIs. */
export function ReplayViaPicker({ via, connected, onChange }: ReplayViaPickerProps) {
  const name = useId();
  // A chosen CLI that went away stays in view, so the choice does not flip to a URL unasked.
  const gone = via.kind === "cli" && !connected.some((forwarder) => forwarder.name === via.name) ? via.name : null;
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">Send to</legend>
      <div className="flex flex-wrap gap-2">
        <Option
          group={name}
          checked={via.kind === "url"}
          onSelect={() => onChange({ kind: "url" })}
          title="A URL"
          note="sent by this Hookscope server"
          grow={false}
        />
        {connected.map((forwarder) => (
          <Option
            key={forwarder.id}
            group={name}
            checked={via.kind === "cli" && via.name === forwarder.name}
            onSelect={() => onChange({ kind: "cli", name: forwarder.name })}
            title={<CliTitle name={forwarder.name} connected />}
            note="sends to what that CLI forwards to (its --to URL), plus this request's subpath and query"
          />
        ))}
        {gone && (
          <Option
            group={name}
            checked
            onSelect={() => undefined}
            title={<CliTitle name={gone} connected={false} />}
            note="not connected now: start it again to send"
          />
        )}
      </div>
    </fieldset>
  );
}

function CliTitle({ name, connected }: { name: string; connected: boolean }) {
  return (
    <>
      <span className={`mr-1.5 inline-block size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-zinc-300 dark:bg-zinc-600"}`} aria-hidden="true" />
      Your machine, through hookscope forward <span className="font-mono wrap-anywhere">&quot;{name}&quot;</span>
    </>
  );
}

function Option({
  group,
  checked,
  onSelect,
  title,
  note,
  grow = true,
}: {
  group: string;
  checked: boolean;
  onSelect(): void;
  title: ReactNode;
  note: string;
  grow?: boolean;
}) {
  return (
    <label
      className={`flex min-w-0 cursor-pointer ${grow ? "flex-[1_1_18rem]" : "flex-[1_0_auto] sm:flex-[0_1_auto]"} items-start gap-2.5 rounded-lg px-3 py-2 text-sm ring-1 ring-inset ${
        checked
          ? "bg-indigo-50/70 ring-indigo-500 dark:bg-indigo-500/10 dark:ring-indigo-400"
          : "ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-800 dark:hover:bg-zinc-800/50"
      }`}
    >
      <input type="radio" name={group} checked={checked} onChange={onSelect} className="mt-0.5 accent-indigo-600 dark:accent-indigo-400" />
      <span className="min-w-0">
        <span className="block font-medium text-zinc-900 dark:text-zinc-100">{title}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{note}</span>
      </span>
    </label>
  );
}
