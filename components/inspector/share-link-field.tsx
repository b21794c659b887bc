"use client";
import { useState } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { rotateShareLink } from "@/lib/client/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { RefreshIcon } from "@/components/ui/icons";
import { errorMessage } from "@/lib/shared/errors";

interface ShareLinkFieldProps {
  info: BinInfo;
  token: string;
  onRotated(info: BinInfo): void;
}

/** The read-only link, and rotating it: the old link stops working at once, for everyone holding it. */
export function ShareLinkField({ info, token, onRotated }: ShareLinkFieldProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!info.shareUrl) return null;

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      onRotated(await rotateShareLink(info.id, token));
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <CopyField
        label="Share link"
        value={info.shareUrl}
        copyLabel="Copy share link"
        hint={<span className="font-normal">read-only, no delete</span>}
        action={
          <Button size="sm" variant="ghost" onClick={() => setOpen(true)} title="Replace this link with a new one; the old one stops working">
            <RefreshIcon className="size-3.5" /> Rotate
          </Button>
        }
      />
      <ConfirmDialog
        open={open}
        title="Rotate the share link?"
        confirmLabel="Rotate link"
        busy={busy}
        error={error}
        onConfirm={rotate}
        onCancel={() => setOpen(false)}
      >
        A new read-only link replaces this one. Anyone viewing through the old link loses access immediately.
      </ConfirmDialog>
    </>
  );
}
