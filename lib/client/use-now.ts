"use client";
import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs`, so relative times ("5s ago") keep moving. */
export function useNow(intervalMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
