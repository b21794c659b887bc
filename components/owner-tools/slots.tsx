"use client";
// Where owner-only tools (bin settings, replay, deliveries) plug into the inspector. The inspector
// renders these only for the owner, so nothing here is ever shown to a share-link viewer.
import type { ReactNode } from "react";
import type { BinInfo, RequestDetail } from "@/lib/api-types";

export interface OwnerToolContext {
  binId: string;
  token: string;
}

/** Buttons in the bin header (e.g. settings). */
export function BinOwnerActions(_props: OwnerToolContext & { info: BinInfo }): ReactNode {
  return null;
}

/** Extra tabs of the request detail pane, after the built-in ones. */
export function ownerRequestTabs(_context: OwnerToolContext, _detail: RequestDetail): { key: string; label: string; render(): ReactNode }[] {
  return [];
}
