"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Drawer } from "@/components/owner-tools/drawer";
import { InboxAlertIcon } from "@/components/owner-tools/icons";
import { DeadLetters } from "./dead-letters";

export function DeadLettersButton({ binId, token }: { binId: string; token: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <InboxAlertIcon className="size-3.5" /> Dead letters
      </Button>
      <Drawer
        open={open}
        title="Dead letters"
        description="Forwards and replays that gave up after their last attempt. Retry sends one again with a fresh set of attempts."
        onClose={() => setOpen(false)}
      >
        {open && <DeadLetters binId={binId} token={token} />}
      </Drawer>
    </>
  );
}
