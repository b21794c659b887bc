"use client";
// Which request the inspector shows, and the address that names it. `/bins/<binId>/<requestId>`
// names a request the user picked (or opened by a link), so it can be linked, reloaded and reached
// with Back/Forward; `/bins/<binId>` names none and shows the newest. On phones a named request is
// open in a sheet over the list.
import { useCallback, useEffect, useState } from "react";
import type { RequestSummary } from "@/lib/shared/api-types";
import { newArrival, nextSelection } from "./request-list";
import { requestIdFromPath, showInUrl, useRequestInUrl, wasPushedByInspector } from "./request-url";

export interface RequestSelection {
  selectedId: string | null;
  /** The detail is on screen: always beside the list on wide screens, in a sheet on narrow ones. */
  detailOpen: boolean;
  /** The user picked a request to read (a click, Enter): one Back step, and the sheet on narrow screens. */
  open(requestId: string): void;
  /** The user moved through the list (arrow keys, j/k): on narrow screens only the highlight moves. */
  move(requestId: string): void;
  /** Closes the narrow screens' sheet, as the browser's Back button does. */
  closeDetail(): void;
}

/**
 * `follow`: each new arrival is selected (webhook.site's "auto navigate"). `wide`: the list and the
 * detail are side by side, so the selection is always the request on screen.
 */
export function useRequestSelection(binId: string, requests: readonly RequestSummary[], follow: boolean, wide: boolean): RequestSelection {
  const { requestId: urlId, traversal } = useRequestInUrl(binId);
  const [selectedId, setSelectedId] = useState(urlId);
  const [seenTraversal, setSeenTraversal] = useState(traversal);
  const [seenRequests, setSeenRequests] = useState(requests);

  // Adjusted while rendering, not in an effect: an effect's stale closure could overwrite a newer
  // choice when a delete's HTTP answer and its socket echo land in the same frame.
  let selection = selectedId;
  if (seenTraversal !== traversal) {
    setSeenTraversal(traversal);
    // Back/Forward: a request's address shows it; the bin's own address shows the newest on wide
    // screens (on phones it closes the sheet and leaves the highlight).
    selection = urlId ?? (wide ? (requests[0]?.id ?? null) : selection);
  }
  if (seenRequests !== requests) {
    setSeenRequests(requests);
    selection = (follow ? newArrival(seenRequests, requests) : null) ?? nextSelection(seenRequests, requests, selection);
  }
  if (selection !== selectedId) setSelectedId(selection);

  // The request on screen changed without being picked (follow newest, the neighbour of a deleted
  // one): the address must not go on naming the old one. A phone's sheet stays open on the new one;
  // a wide screen goes back to the bin's address. Replaced, so Back steps only through picks.
  useEffect(() => {
    if (urlId !== null && selection !== urlId) showInUrl(binId, wide ? null : selection, "replace");
  }, [binId, wide, selection, urlId]);

  const open = useCallback(
    (requestId: string) => {
      setSelectedId(requestId);
      if (requestIdFromPath(window.location.pathname, binId) !== requestId) showInUrl(binId, requestId, "push");
    },
    [binId],
  );
  const move = useCallback((requestId: string) => (wide ? open(requestId) : setSelectedId(requestId)), [wide, open]);
  const closeDetail = useCallback(() => {
    // Opened by a link there is nothing of ours to go back to: drop the request from the address.
    if (wasPushedByInspector()) window.history.back();
    else showInUrl(binId, null, "replace");
  }, [binId]);

  return { selectedId: selection, detailOpen: wide || urlId !== null, open, move, closeDetail };
}
