"use client";
// Inspector-wide shortcuts. Typing in a field, a modifier key, or an open dialog leaves keys alone.
import { useEffect, useRef } from "react";

export interface InspectorKeyHandlers {
  next(): void;
  previous(): void;
  focusSearch(): void;
  toggleMark(): void;
  compare(): void;
  showHelp(): void;
  escape(): void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type);
}

export function useInspectorKeys(handlers: InspectorKeyHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      if (isTyping(event.target)) return;
      const h = ref.current;
      const action: (() => void) | undefined = {
        j: h.next,
        k: h.previous,
        "/": h.focusSearch,
        x: h.toggleMark,
        c: h.compare,
        "?": h.showHelp,
        Escape: h.escape,
      }[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
