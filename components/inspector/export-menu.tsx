"use client";
import { useEffect, useId, useRef, useState } from "react";
import { exportRequests, type ExportFormat } from "@/lib/client/api";
import { saveBlob } from "@/lib/client/download";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";

interface ExportMenuProps {
  binId: string;
  token: string;
  /** Only these requests; the whole bin when absent. */
  ids?: readonly string[];
  label: string;
}

/** HAR 1.2, Hookscope JSON or a fixture set, as a download (the export endpoint needs the Authorization header). */
export function ExportMenu({ binId, token, ids, label }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    setState("busy");
    try {
      const { blob, filename } = await exportRequests(binId, token, format, ids);
      saveBlob(blob, filename);
      setState("idle");
    } catch {
      setState("failed");
    }
  };

  return (
    <div ref={rootRef} className="relative">
      <Button size="sm" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((v) => !v)} disabled={state === "busy"}>
        <DownloadIcon className="size-3.5" />
        {state === "busy" ? "Exporting…" : state === "failed" ? "Export failed, retry" : label}
      </Button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          className="absolute right-0 z-30 mt-1 w-44 overflow-hidden rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
        >
          <MenuItem onClick={() => run("har")}>HAR 1.2</MenuItem>
          <MenuItem onClick={() => run("json")}>Hookscope JSON</MenuItem>
          <MenuItem
            onClick={() => run("fixtures")}
            title="A fixture set for hookscope replay: exact bytes and each request's signature scheme, never the secret"
          >
            Fixtures (for CI)
          </MenuItem>
        </div>
      )}
    </div>
  );
}

function MenuItem({ onClick, children, title }: { onClick(): void; children: string; title?: string }) {
  return (
    <button
      type="button"
      role="menuitem"
      title={title}
      onClick={onClick}
      className="block w-full px-3 py-1.5 text-left text-zinc-700 hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
    >
      {children}
    </button>
  );
}
