"use client";
import { useState } from "react";
import { getRawBody } from "@/lib/client/api";
import { saveBlob } from "@/lib/client/download";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";

interface DownloadRawButtonProps {
  binId: string;
  token: string;
  requestId: string;
}

/** The raw endpoint needs the Authorization header, so a plain link cannot work: fetch, then save. */
export function DownloadRawButton({ binId, token, requestId }: DownloadRawButtonProps) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  const onClick = async () => {
    setState("busy");
    try {
      const { blob, filename } = await getRawBody(binId, token, requestId);
      saveBlob(blob, filename);
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  return (
    <Button size="sm" onClick={onClick} disabled={state === "busy"}>
      <DownloadIcon className="size-3.5" />
      {state === "busy" ? "Downloading…" : state === "failed" ? "Download failed, retry" : "Download raw"}
    </Button>
  );
}
