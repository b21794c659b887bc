"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Drawer } from "@/components/owner-tools/drawer";
import { TerminalIcon } from "@/components/owner-tools/icons";
import { ForwardersPanel } from "./forwarders-panel";

export function ForwardersButton({ binId, token, origin }: { binId: string; token: string; origin: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <TerminalIcon className="size-3.5" /> Forwarders
      </Button>
      <Drawer
        open={open}
        title="Forwarders"
        description="Each hookscope forward relays this bin to a developer's machine and keeps its place here under its name, so nothing is missed while it is stopped."
        onClose={() => setOpen(false)}
      >
        {open && <ForwardersPanel binId={binId} token={token} origin={origin} />}
      </Drawer>
    </>
  );
}
