"use client";
// Windowing for fixed-height rows: only what is on screen (plus a margin) is rendered, so a list of
// 10,000 requests or a 10 MiB hex dump costs the same as a short one.
import { useCallback, useEffect, useState } from "react";

export interface VirtualRows {
  start: number;
  end: number;
  /** Height of the whole list, for the spacer that gives the scrollbar its size. */
  totalHeight: number;
  /** Scrolls the least needed to show row `index`. */
  scrollToIndex(index: number): void;
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

  const scrollToIndex = useCallback(
    (index: number) => {
      if (!element) return;
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
      // Render the target now: keyboard focus and aria-activedescendant need it in the DOM.
      setView({ top: element.scrollTop, height: element.clientHeight });
    },
    [element, rowHeight],
  );

  return { start, end, totalHeight: count * rowHeight, scrollToIndex };
}
