"use client";
import { useCallback, useSyncExternalStore } from "react";

/** Tailwind's `lg`: from here the list and the detail sit side by side. */
export const WIDE_SCREEN = "(min-width: 1024px)";

/** Tailwind's `xl`: from here the bin's actions fit in one row beside its name; below, one menu button. */
export const ROOM_FOR_BIN_ACTIONS = "(min-width: 1280px)";

/** Whether a CSS media query matches now; false while rendering on the server. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const media = window.matchMedia(query);
      media.addEventListener("change", onChange);
      return () => media.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
