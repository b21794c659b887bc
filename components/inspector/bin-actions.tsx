"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { ROOM_FOR_BIN_ACTIONS, useMediaQuery } from "@/lib/client/use-media-query";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useConfirmedAction } from "@/components/ui/use-confirmed-action";
import { KeyboardIcon, MoreIcon, TrashIcon } from "@/components/ui/icons";
import { BinOwnerActions } from "@/components/owner-tools/slots";
import { ExportMenu } from "./export-menu";
import { ShapesButton, type ShapeNavigation } from "@/components/shapes/shapes-button";

interface BinActionsProps {
  info: BinInfo;
  token: string;
  canEdit: boolean;
  onDeleteBin(): Promise<void>;
  onShowKeys(): void;
  shapeNavigation: ShapeNavigation;
}

/** What can be done with the whole bin: a row of buttons on wide screens, one menu button on narrow ones. */
export function BinActions({ info, token, canEdit, onDeleteBin, onShowKeys, shapeNavigation }: BinActionsProps) {
  const wide = useMediaQuery(ROOM_FOR_BIN_ACTIONS);
  const configures = info.role === "owner";
  const actions = (
    <>
      <ShapesButton binId={info.id} token={token} canEdit={configures} navigation={shapeNavigation} />
      <ExportMenu binId={info.id} token={token} label="Export bin" />
      {canEdit && <BinOwnerActions binId={info.id} token={token} info={info} />}
      {configures && <DeleteBinButton onDeleteBin={onDeleteBin} />}
    </>
  );
  if (!wide) return <ActionsMenu>{actions}</ActionsMenu>;
  return (
    <div className="flex items-center gap-2">
      <Button size="sm" variant="ghost" onClick={onShowKeys} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        <KeyboardIcon className="size-3.5" />
      </Button>
      {actions}
    </div>
  );
}

/**
 * A button that shows the actions in a panel across the card, below it (the card is the panel's
 * positioned ancestor: a phone has no room for it beside the button). The panel stays open while
 * one of its actions has a dialog open: the dialogs live inside the actions, closing would unmount them.
 */
function ActionsMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !document.querySelector("dialog[open]")) setOpen(false);
    };
    document.addEventListener("mousedown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={rootRef}>
      <Button size="sm" aria-expanded={open} aria-controls={panelId} aria-label="Bin actions" title="Bin actions" onClick={() => setOpen((v) => !v)}>
        <MoreIcon />
      </Button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label="Bin actions"
          className="absolute inset-x-0 top-full z-30 mt-1.5 flex flex-wrap items-center gap-2 rounded-lg bg-white p-2 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700"
        >
          {children}
        </div>
      )}
    </div>
  );
}

function DeleteBinButton({ onDeleteBin }: { onDeleteBin(): Promise<void> }) {
  const { ask, dialog } = useConfirmedAction(onDeleteBin);

  return (
    <>
      <Button variant="ghost" size="sm" onClick={ask}>
        <TrashIcon className="size-3.5" /> Delete bin
      </Button>
      <ConfirmDialog {...dialog} title="Delete this bin?" confirmLabel="Delete bin">
        Every captured request is deleted and the capture URL stops accepting requests. Share links stop working. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
