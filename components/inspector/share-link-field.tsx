"use client";
import type { BinInfo } from "@/lib/shared/api-types";
import { rotateShareLink } from "@/lib/client/api";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { RefreshIcon } from "@/components/ui/icons";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";

interface ShareLinkFieldProps {
  info: BinInfo;
  token: string;
  onRotated(info: BinInfo): void;
}

/** The read-only link, and rotating it: the old link stops working at once, for everyone holding it. */
export function ShareLinkField({ info, token, onRotated }: ShareLinkFieldProps) {
  const { ask, dialog } = useConfirmedAction(async () => onRotated(await rotateShareLink(info.id, token)));
  if (!info.shareUrl) return null;

  return (
    <>
      <CopyField
        label="Share link"
        value={info.shareUrl}
        copyLabel="Copy share link"
        hint={<span className="font-normal">read-only, no delete</span>}
        action={
          <Button size="sm" variant="ghost" onClick={ask} title="Replace this link with a new one; the old one stops working">
            <RefreshIcon className="size-3.5" /> Rotate
          </Button>
        }
      />
      <ConfirmDialog {...dialog} title="Rotate the share link?" confirmLabel="Rotate link">
        A new read-only link replaces this one. Anyone viewing through the old link loses access immediately.
      </ConfirmDialog>
    </>
  );
}
