"use client";
import { usePreference } from "./preference";

type Follow = "on" | "off";
const CHOICES: readonly Follow[] = ["on", "off"];

/** "Follow newest": each request that arrives is selected and shown, for every bin. */
export function useFollowNewest(): [boolean, (on: boolean) => void] {
  const [value, setValue] = usePreference<Follow>("hookscope:follow-newest", CHOICES, "off");
  return [value === "on", (on) => setValue(on ? "on" : "off")];
}
