"use client";
import { useEffect, useState } from "react";
import { copyText } from "@/lib/client/clipboard";
import { buttonClass } from "./button";
import { CheckIcon, CopyIcon } from "./icons";

interface CopyButtonProps {
  text: string;
  /** Accessible name, e.g. "Copy capture URL". */
  label: string;
  /** Show "Copy" next to the icon instead of the icon alone. */
  showText?: boolean;
  className?: string;
}

export function CopyButton({ text, label, showText = false, className = "" }: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 1600);
    return () => window.clearTimeout(timer);
  }, [state]);

  const onClick = async () => setState((await copyText(text)) ? "copied" : "failed");
  const caption = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy";

  return (
    <button type="button" onClick={onClick} aria-label={label} title={label} className={buttonClass(showText ? "secondary" : "ghost", "sm", className)}>
      {state === "copied" ? <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" /> : <CopyIcon />}
      {showText && <span>{caption}</span>}
      {/* Announces the outcome to screen readers without moving focus. */}
      <span className="sr-only" role="status">
        {state === "idle" ? "" : caption}
      </span>
    </button>
  );
}
