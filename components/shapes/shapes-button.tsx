"use client";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { EventShapeList, OwnerSchema, ShapeChangeList, ShapeExport } from "@/lib/shared/api-types";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/shared/shapes/export";
import { changeText } from "@/lib/shared/shapes/shape";
import { ApiRequestError, getOwnerSchema, getShapeChanges, getShapeExport, getShapes } from "@/lib/client/api";
import { deleteOwnerSchema, errorMessage, getBinSettings, putOwnerSchema, updateBin } from "@/lib/client/owner-api";
import { saveBlob } from "@/lib/client/download";
import { forgetBinDetails } from "@/lib/client/use-request-detail";
import { onShapesChanged } from "@/lib/client/shapes-live";
import { formatTimestamp } from "@/lib/client/format";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DownloadIcon } from "@/components/ui/icons";
import { Drawer } from "@/components/owner-tools/drawer";

/** What the inspector does when the panel points at requests. */
export interface ShapeNavigation {
  onOpenRequest(requestId: string): void;
  onShowType(eventType: string): void;
}

const plural = (count: number, word: string) => `${count.toLocaleString()} ${word}${count === 1 ? "" : "s"}`;

const FORMAT_LABELS: Record<ExportFormat, string> = { "json-schema": "JSON Schema", typescript: "TypeScript", zod: "zod" };

export function ShapesButton({ binId, token, canEdit, navigation }: { binId: string; token: string; canEdit: boolean; navigation: ShapeNavigation }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Shapes
      </Button>
      <Drawer
        open={open}
        title="Event shapes"
        description="Each event type's shape, learnt from every JSON request of that type soon after it is stored, and where it changed."
        onClose={() => setOpen(false)}
      >
        {open && (
          <ShapesPanel
            binId={binId}
            token={token}
            canEdit={canEdit}
            navigation={{
              onOpenRequest: (id) => {
                setOpen(false);
                navigation.onOpenRequest(id);
              },
              onShowType: (type) => {
                setOpen(false);
                navigation.onShowType(type);
              },
            }}
          />
        )}
      </Drawer>
    </>
  );
}

type Loaded = { status: "loading" } | { status: "failed"; message: string } | { status: "ready"; shapes: EventShapeList; changes: ShapeChangeList };

function ShapesPanel({ binId, token, canEdit, navigation }: { binId: string; token: string; canEdit: boolean; navigation: ShapeNavigation }) {
  const [state, setState] = useState<Loaded>({ status: "loading" });
  const [selected, setSelected] = useState<string | null>(null);
  /** A type the owner named to set a schema for before any request of it arrived. */
  const [named, setNamed] = useState<string | null>(null);

  /** Bumped when the learner flags requests or a schema changes (live), at most once a second. */
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let timer: number | null = null;
    const stop = onShapesChanged(binId, () => {
      timer ??= window.setTimeout(() => {
        timer = null;
        setRevision((n) => n + 1);
      }, 1000);
    });
    return () => {
      stop();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [binId]);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getShapes(binId, token, controller.signal), getShapeChanges(binId, token, controller.signal)]).then(
      ([shapes, changes]) => {
        setState({ status: "ready", shapes, changes });
        setSelected((current) => current ?? shapes.shapes[0]?.eventType ?? shapes.schemas[0]?.eventType ?? null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // revision is not read above: a new one only re-reads, keeping what is shown until the answer comes.
  }, [binId, token, revision]);

  /** The owner's schema versions by type, kept in step with what the schema section saves or removes. */
  const setSchemaVersion = useCallback((eventType: string, saved: OwnerSchema | null) => {
    setState((current) => {
      if (current.status !== "ready") return current;
      const others = current.shapes.schemas.filter((schema) => schema.eventType !== eventType);
      const schemas = saved ? [...others, { eventType, version: saved.version, draft: saved.draft, updatedAt: saved.updatedAt }] : others;
      return { ...current, shapes: { ...current.shapes, schemas } };
    });
  }, []);

  if (state.status === "loading") return <p className="p-5 text-sm text-zinc-500">Loading…</p>;
  if (state.status === "failed") return <p className="p-5 text-sm text-red-700 dark:text-red-400">Could not load the shapes: {state.message}</p>;
  const schemaVersions = new Map(state.shapes.schemas.map((schema) => [schema.eventType, schema.version]));
  // Learnt types, then types that only have a schema, then one the owner has just named.
  const types = [
    ...state.shapes.shapes.map((shape) => ({ eventType: shape.eventType, shape })),
    ...[...new Set([...state.shapes.schemas.map((schema) => schema.eventType), ...(named ? [named] : [])])]
      .filter((type) => !state.shapes.shapes.some((shape) => shape.eventType === type))
      .map((eventType) => ({ eventType, shape: undefined })),
  ];
  return (
    <div className="min-h-0 flex-1 space-y-6 overflow-y-auto p-5">
      {canEdit && <TypePathForm binId={binId} token={token} />}
      {state.shapes.shapes.length === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No JSON requests yet: a shape is learnt from the first one of each event type.</p>
      )}
      {types.length > 0 && (
        <section aria-labelledby="shapes-types">
          <h3 id="shapes-types" className="text-sm font-semibold">
            Event types
          </h3>
          <ul className="mt-2 divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
            {types.map(({ eventType, shape }) => (
              <li key={eventType} className={`px-3 py-2 text-sm ${selected === eventType ? "bg-indigo-50 dark:bg-indigo-500/10" : ""}`}>
                <div className="flex items-center gap-2">
                  <button
                    type="button"
                    onClick={() => setSelected(eventType)}
                    aria-pressed={selected === eventType}
                    className="min-w-0 flex-1 text-left font-mono text-[13px] break-all hover:underline"
                  >
                    {eventType}
                  </button>
                  <Button size="sm" variant="ghost" className="shrink-0" onClick={() => navigation.onShowType(eventType)}>
                    Show requests
                  </Button>
                </div>
                <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                  {shape
                    ? `${plural(shape.samples, "sample")} · ${plural(shape.fields, "field")}${shape.changes > 0 ? ` · ${plural(shape.changes, "change")}` : ""}`
                    : "no requests yet"}
                  {schemaVersions.has(eventType) && ` · schema v${schemaVersions.get(eventType)}`}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canEdit && (
        <NameTypeForm
          onName={(type) => {
            setNamed(type);
            setSelected(type);
          }}
        />
      )}
      {selected && (
        <SchemaSection
          key={`schema:${selected}`}
          binId={binId}
          token={token}
          eventType={selected}
          canEdit={canEdit}
          hasShape={state.shapes.shapes.some((shape) => shape.eventType === selected)}
          onChanged={(saved) => setSchemaVersion(selected, saved)}
        />
      )}
      {selected && state.shapes.shapes.some((shape) => shape.eventType === selected) && (
        <ExportSection key={selected} binId={binId} token={token} eventType={selected} />
      )}
      {state.shapes.shapes.length > 0 && (
        <section aria-labelledby="shapes-changes">
          <h3 id="shapes-changes" className="text-sm font-semibold">
            Shape changes
          </h3>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">Where each change first appeared, newest first.</p>
          {state.changes.changes.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">No changes: every request matched its type&apos;s shape so far.</p>
          ) : (
            <ul data-testid="shape-change-list" className="mt-2 space-y-1.5">
              {state.changes.changes.map((change) => (
                <li
                  key={`${change.eventType}:${change.kind}:${change.path}:${change.requestId}`}
                  className="rounded-md px-3 py-2 text-sm ring-1 ring-zinc-200 dark:ring-zinc-800"
                >
                  <div className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                    <span className="font-mono">{change.eventType}</span>
                    <span className="tabular-nums">{formatTimestamp(change.receivedAt)}</span>
                    <button
                      type="button"
                      className="ml-auto text-indigo-700 hover:underline dark:text-indigo-400"
                      onClick={() => navigation.onOpenRequest(change.requestId)}
                    >
                      Open request
                    </button>
                  </div>
                  <p className="mt-1 font-mono text-[13px] break-all">{changeText(change)}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** Owner only: where this bin's senders name their event type, for senders no provider rule knows. */
function TypePathForm({ binId, token }: { binId: string; token: string }) {
  const [value, setValue] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "failed"; message: string }>({ kind: "idle" });

  useEffect(() => {
    const controller = new AbortController();
    getBinSettings(binId, token, controller.signal).then(
      (settings) => setValue(settings.eventTypePath ?? ""),
      (error: unknown) => {
        if (!controller.signal.aborted) setStatus({ kind: "failed", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [binId, token]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ kind: "saving" });
    try {
      await updateBin(binId, token, { settings: { eventTypePath: value?.trim() ? value.trim() : null } });
      setStatus({ kind: "saved" });
    } catch (error) {
      setStatus({ kind: "failed", message: errorMessage(error) });
    }
  };

  return (
    <form onSubmit={save} className="space-y-1.5">
      <label className="block text-sm font-semibold" htmlFor="event-type-path">
        Event type path
      </label>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        For senders no provider rule recognises: where their JSON names the event, such as <code>meta.kind</code> or <code>$.events[0].type</code>. Applies to
        requests captured from now on.
      </p>
      <div className="flex gap-2">
        <input
          id="event-type-path"
          value={value ?? ""}
          disabled={value === null}
          onChange={(event) => {
            setValue(event.target.value);
            setStatus({ kind: "idle" });
          }}
          placeholder="not set: untyped"
          spellCheck={false}
          className="h-8 min-w-0 flex-1 rounded-md bg-white px-2 font-mono text-[13px] ring-1 ring-zinc-300 ring-inset outline-none focus:ring-indigo-500 dark:bg-zinc-950 dark:ring-zinc-700"
        />
        <Button size="sm" type="submit" disabled={value === null || status.kind === "saving"}>
          {status.kind === "saving" ? "Saving…" : "Save"}
        </Button>
      </div>
      <p role="status" className={`text-xs ${status.kind === "failed" ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}>
        {status.kind === "saved" ? "Saved." : status.kind === "failed" ? status.message : ""}
      </p>
    </form>
  );
}

function ExportSection({ binId, token, eventType }: { binId: string; token: string; eventType: string }) {
  const [format, setFormat] = useState<ExportFormat>("typescript");
  const [file, setFile] = useState<ShapeExport | { failed: string } | null>(null);

  const load = useCallback(
    (signal: AbortSignal) =>
      getShapeExport(binId, token, eventType, format, signal).then(setFile, (error: unknown) => {
        if (!signal.aborted) setFile({ failed: error instanceof Error ? error.message : String(error) });
      }),
    [binId, token, eventType, format],
  );
  useEffect(() => {
    const controller = new AbortController();
    setFile(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <section aria-labelledby="shapes-export">
      <h3 id="shapes-export" className="text-sm font-semibold">
        Export <span className="font-mono font-normal">{eventType}</span>
      </h3>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <div role="radiogroup" aria-label="Format" className="flex rounded-md ring-1 ring-zinc-300 dark:ring-zinc-700">
          {EXPORT_FORMATS.map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={format === option}
              onClick={() => setFormat(option)}
              className={`px-2.5 py-1 text-xs first:rounded-l-md last:rounded-r-md ${format === option ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
            >
              {FORMAT_LABELS[option]}
            </button>
          ))}
        </div>
        {file && "content" in file && (
          <>
            <CopyButton text={file.content} label={`Copy ${FORMAT_LABELS[format]}`} showText />
            <Button size="sm" onClick={() => saveBlob(new Blob([file.content], { type: "text/plain" }), file.fileName)}>
              <DownloadIcon className="size-3.5" /> Download {file.fileName}
            </Button>
          </>
        )}
      </div>
      {file === null ? (
        <p className="mt-2 text-sm text-zinc-500">Loading…</p>
      ) : "failed" in file ? (
        <p className="mt-2 text-sm text-red-700 dark:text-red-400">Could not export: {file.failed}</p>
      ) : (
        <pre
          data-testid="shape-export"
          className="mt-2 max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-relaxed ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800"
        >
          {file.content}
        </pre>
      )}
    </section>
  );
}

type SchemaState = { kind: "loading" } | { kind: "none" } | { kind: "stored"; schema: OwnerSchema } | { kind: "failed"; message: string };
type SchemaStatus = { kind: "idle" | "busy" } | { kind: "done"; message: string } | { kind: "refused"; message: string };

/**
 * The owner's JSON Schema for the selected type: pasted, read from a file or started from the learnt
 * shape's export, then saved; a refusal is shown in the server's words. A viewer sees it read-only.
 */
function SchemaSection({
  binId,
  token,
  eventType,
  canEdit,
  hasShape,
  onChanged,
}: {
  binId: string;
  token: string;
  eventType: string;
  canEdit: boolean;
  hasShape: boolean;
  onChanged(saved: OwnerSchema | null): void;
}) {
  const [stored, setStored] = useState<SchemaState>({ kind: "loading" });
  const [text, setText] = useState("");
  const [status, setStatus] = useState<SchemaStatus>({ kind: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    getOwnerSchema(binId, token, eventType, controller.signal).then(
      (schema) => {
        setStored({ kind: "stored", schema });
        setText(schema.schema);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiRequestError && error.code === "schema_not_found") setStored({ kind: "none" });
        else setStored({ kind: "failed", message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [binId, token, eventType]);

  const run = async (work: () => Promise<string>) => {
    setStatus({ kind: "busy" });
    try {
      setStatus({ kind: "done", message: await work() });
    } catch (error) {
      setStatus({ kind: "refused", message: errorMessage(error) });
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const schema = await putOwnerSchema(binId, token, eventType, text);
      setStored({ kind: "stored", schema });
      forgetBinDetails(binId);
      onChanged(schema);
      return `Saved as version ${schema.version}: each new ${eventType} request is checked against it.`;
    });
  };
  const remove = () =>
    run(async () => {
      await deleteOwnerSchema(binId, token, eventType);
      setStored({ kind: "none" });
      setText("");
      forgetBinDetails(binId);
      onChanged(null);
      return "Removed: requests of this type are no longer checked.";
    });
  const startFromShape = () =>
    run(async () => {
      setText((await getShapeExport(binId, token, eventType, "json-schema")).content);
      return "The inferred schema is in the editor: tighten it, then save.";
    });

  const heading = (
    <h3 id="shapes-schema" className="text-sm font-semibold">
      Schema for <span className="font-mono font-normal">{eventType}</span>
      {stored.kind === "stored" && <span className="font-normal text-zinc-500 dark:text-zinc-400"> · version {stored.schema.version}</span>}
    </h3>
  );
  if (stored.kind === "loading") return <p className="text-sm text-zinc-500">Loading…</p>;
  if (stored.kind === "failed") return <p className="text-sm text-red-700 dark:text-red-400">Could not load the schema: {stored.message}</p>;
  if (!canEdit) {
    return (
      <section aria-labelledby="shapes-schema">
        {heading}
        {stored.kind === "none" ? (
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">The owner has set no JSON Schema for this type.</p>
        ) : (
          <pre className="mt-2 max-h-60 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800">
            {stored.schema.schema}
          </pre>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="shapes-schema">
      {heading}
      <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
        A JSON Schema (2020-12 or draft-07) every request of this type is checked against, those stored earlier too; failing ones are flagged in the list.{" "}
        <code>$ref</code> stays within the schema, and patterns run on RE2 (no backreferences or lookaround).
      </p>
      <form onSubmit={save} className="mt-2 space-y-2">
        <textarea
          aria-label={`JSON Schema for ${eventType}`}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setStatus({ kind: "idle" });
          }}
          spellCheck={false}
          rows={10}
          placeholder='{"type": "object", "required": ["id"]}'
          className="block w-full rounded-md bg-white p-2 font-mono text-xs ring-1 ring-zinc-300 ring-inset outline-none focus:ring-indigo-500 dark:bg-zinc-950 dark:ring-zinc-700"
        />
        <div className="flex flex-wrap gap-2">
          <Button size="sm" type="submit" disabled={text.trim() === "" || status.kind === "busy"}>
            {status.kind === "busy" ? "Working…" : "Save schema"}
          </Button>
          {hasShape && (
            <Button size="sm" variant="ghost" onClick={startFromShape} disabled={status.kind === "busy"}>
              Start from the inferred schema
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={() => fileInput.current?.click()} disabled={status.kind === "busy"}>
            Upload a file…
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json,application/schema+json"
            className="hidden"
            aria-label="Schema file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void run(async () => (setText(await file.text()), `Read ${file.name}: save to use it.`));
            }}
          />
          {stored.kind === "stored" && (
            <Button size="sm" variant="ghost" className="text-red-700 dark:text-red-400" onClick={remove} disabled={status.kind === "busy"}>
              Remove schema
            </Button>
          )}
        </div>
        <p
          role="status"
          data-testid="schema-status"
          className={`text-xs break-words ${status.kind === "refused" ? "text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
        >
          {status.kind === "refused" ? `Refused: ${status.message}` : status.kind === "done" ? status.message : ""}
        </p>
      </form>
    </section>
  );
}

/** Owner only: a schema can be set for a type before its first request. */
function NameTypeForm({ onName }: { onName(eventType: string): void }) {
  const [value, setValue] = useState("");
  return (
    <form
      className="flex gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) onName(value.trim());
        setValue("");
      }}
    >
      <input
        aria-label="Another event type"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="another event type, e.g. invoice.paid"
        maxLength={120}
        spellCheck={false}
        className="h-8 min-w-0 flex-1 rounded-md bg-white px-2 font-mono text-[13px] ring-1 ring-zinc-300 ring-inset outline-none focus:ring-indigo-500 dark:bg-zinc-950 dark:ring-zinc-700"
      />
      <Button size="sm" type="submit" disabled={value.trim() === ""}>
        Set its schema
      </Button>
    </form>
  );
}
