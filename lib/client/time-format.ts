"use client";
import { usePreference } from "./preference";

export type TimeFormat = "relative" | "absolute";
const CHOICES: readonly TimeFormat[] = ["relative", "absolute"];

/** Relative ("5m ago") or absolute timestamps, one choice for the whole inspector. */
export function useTimeFormat(): [TimeFormat, (value: TimeFormat) => void] {
  return usePreference<TimeFormat>("hookscope:times", CHOICES, "relative");
}
