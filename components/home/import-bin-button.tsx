"use client";
import { useRouter } from "next/navigation";
import { useRef, type ChangeEvent } from "react";
import { importBin } from "@/lib/client/api";
import { saveOwnedBin } from "@/lib/client/bin-store";
import { Button } from "@/components/ui/button";
import { UploadIcon } from "@/components/ui/icons";
import { useAction } from "@/components/ui/use-action";

/** A HAR or Hookscope JSON export becomes a new bin, owned by this browser. */
export function ImportBinButton() {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const {
    run: importFile,
    busy,
    error,
  } = useAction(
    async (file: File) => {
      const bin = await importBin(await file.text());
      saveOwnedBin({ id: bin.id, ownerToken: bin.ownerToken, createdAt: new Date().toISOString() });
      router.push(`/bins/${encodeURIComponent(bin.id)}`);
    },
    { busyAfterSuccess: true },
  );

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) void importFile(file);
  };

  return (
    <div className="flex flex-col items-center gap-2">
      <input
        ref={inputRef}
        type="file"
        accept=".har,.json,application/json"
        onChange={onFile}
        className="sr-only"
        tabIndex={-1}
        aria-label="HAR or JSON export file"
      />
      <Button variant="secondary" size="lg" onClick={() => inputRef.current?.click()} disabled={busy}>
        <UploadIcon className="size-5" />
        {busy ? "Importing…" : "Import HAR or JSON"}
      </Button>
      {error && (
        <p role="alert" className="max-w-sm text-center text-sm text-rose-600 dark:text-rose-400">
          Could not import: {error}
        </p>
      )}
    </div>
  );
}
