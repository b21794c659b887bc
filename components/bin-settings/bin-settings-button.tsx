"use client";
import { useState } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { getBin } from "@/lib/client/api";
import { getBinSettings } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { Drawer } from "@/components/owner-tools/drawer";
import { SlidersIcon } from "@/components/owner-tools/icons";
import { SettingsEditor } from "./settings-editor";

interface BinSettingsButtonProps {
  binId: string;
  token: string;
  info: BinInfo;
}

export function BinSettingsButton(props: BinSettingsButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <SlidersIcon className="size-3.5" /> Settings
      </Button>
      <Drawer open={open} title="Bin settings" description="How this bin answers, forwards and checks what it receives." onClose={() => setOpen(false)}>
        {/* Mounted per opening: the drawer always starts from what the server has now. */}
        {open && <SettingsLoader {...props} />}
      </Drawer>
    </>
  );
}

/** Loads the bin info again too: the header's copy predates any expiry saved since the page loaded. */
function SettingsLoader({ binId, token }: BinSettingsButtonProps) {
  const { state, reload } = useLoad(`settings:${binId}`, (signal) => Promise.all([getBinSettings(binId, token, signal), getBin(binId, token, signal)]));
  if (state.status === "ready") return <SettingsEditor binId={binId} token={token} info={state.data[1]} settings={state.data[0]} />;
  return (
    <div className="p-5">
      {state.status === "loading" ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" role="status">
          Loading settings…
        </p>
      ) : (
        <Alert tone="error" title="Could not load the settings">
          {state.status === "error" ? state.message : "The server does not offer bin settings."}{" "}
          <button type="button" className="font-medium underline underline-offset-2" onClick={reload}>
            Try again
          </button>
        </Alert>
      )}
    </div>
  );
}
