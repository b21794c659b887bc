"use client";
// Windowing for fixed-height rows: only what is on screen (plus a margin) is rendered, so a list of
// 10,000 requests or a 10 MiB hex dump costs the same as a short one.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

export interface VirtualRows {
  start: number;
  end: number;
  /** Height of the whole list, for the spacer that gives the scrollbar its size. */
  totalHeight: number;
  /** How far the container is scrolled, as last rendered. */
  scrollTop: number;
  /** Scrolls the least needed to show row `index`. */
  scrollToIndex(index: number): void;
  /** Reads the container's position now, for code that has just scrolled it. */
  remeasure(): void;
}

/** `element` is the scrolling container; pass it from a callback ref so a late mount is seen. */
export function useVirtualRows(element: HTMLElement | null, count: number, rowHeight: number, overscan = 8): VirtualRows {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    if (!element) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setView((prev) =>
        prev.top === element.scrollTop && prev.height === element.clientHeight ? prev : { top: element.scrollTop, height: element.clientHeight },
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    element.addEventListener("scroll", onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(element);
    return () => {
      element.removeEventListener("scroll", onScroll);
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [element]);

  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);

  const remeasure = useCallback(() => {
    if (element) setView({ top: element.scrollTop, height: element.clientHeight });
  }, [element]);

  const scrollToIndex = useCallback(
    (index: number) => {
      if (!element) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
      // Render the target now: keyboard focus and aria-activedescendant need it in the DOM.
      remeasure();
    },
    [element, rowHeight, remeasure],
  );

  return { start, end, totalHeight: count * rowHeight, scrollTop: view.top, scrollToIndex, remeasure };
}

/** Scrolled less than this counts as "at the top", where new rows may push the others down. */
const TOP_SLACK_PX = 1;

export interface AnchoredRows extends VirtualRows {
  atTop: boolean;
  scrollToTop(): void;
}

/**
 * Rows keyed by id in a list that grows at the top (newest first). At the very top, new rows come
 * in above and stay in view; scrolled down, the row being read stays where it is on screen while
 * rows are added or removed above it. The browser's own scroll anchoring does not apply to
 * absolutely positioned rows, so the container should set `overflow-anchor: none`.
 */
export function useAnchoredRows(element: HTMLElement | null, keys: readonly string[], rowHeight: number): AnchoredRows {
  const rows = useVirtualRows(element, keys.length, rowHeight);
  const { remeasure } = rows;
  const previousKeys = useRef(keys);

  // Before paint, so the user never sees the rows jump and come back.
  useLayoutEffect(() => {
    const before = previousKeys.current;
    previousKeys.current = keys;
    if (!element || before === keys) return;
    const top = element.scrollTop;
    if (top < TOP_SLACK_PX) return;
    const index = Math.floor(top / rowHeight);
    const anchor = before[index];
    const moved = anchor === undefined ? -1 : keys.indexOf(anchor);
    if (moved === -1 || moved === index) return;
    element.scrollTop = top + (moved - index) * rowHeight;
    remeasure();
  }, [element, keys, rowHeight, remeasure]);

  const scrollToTop = useCallback(() => {
    if (!element) return;
    element.scrollTop = 0;
    remeasure();
  }, [element, remeasure]);

  return { ...rows, atTop: rows.scrollTop < TOP_SLACK_PX, scrollToTop };
}
