"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Drawer } from "@/components/owner-tools/drawer";
import { SendIcon } from "@/components/owner-tools/icons";
import { TestEventForm } from "./test-event-form";

export function TestEventButton({ binId, token }: { binId: string; token: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <SendIcon className="size-3.5" /> Test event
      </Button>
      <Drawer
        open={open}
        title="Signed test event"
        description="Sign a provider's template (or your own body) with one of the bin's secrets, as that provider would send it now."
        onClose={() => setOpen(false)}
      >
        {open && (
          <div className="min-h-0 flex-1 overflow-auto p-5">
            <TestEventForm binId={binId} token={token} />
          </div>
        )}
      </Drawer>
    </>
  );
}
