"use client";
import { useFollowNewest } from "@/lib/client/follow-newest";

/** A switch for "follow newest", in the list header where the new rows appear. */
export function FollowToggle() {
  const [follow, setFollow] = useFollowNewest();
  return (
    <button
      type="button"
      aria-pressed={follow}
      onClick={() => setFollow(!follow)}
      title={follow ? "Following the newest: each new request is selected as it arrives" : "Follow the newest: select each new request as it arrives"}
      className={`inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 text-xs whitespace-nowrap focus-visible:outline-2 focus-visible:outline-indigo-500 ${
        follow
          ? "bg-indigo-50 font-medium text-indigo-700 hover:bg-indigo-100 dark:bg-indigo-500/15 dark:text-indigo-300 dark:hover:bg-indigo-500/25"
          : "text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      }`}
    >
      {/* A small switch: the state reads at a glance, and aria-pressed says it to screen readers. */}
      <span
        aria-hidden="true"
        className={`relative h-3 w-5 rounded-full transition-colors ${follow ? "bg-indigo-600 dark:bg-indigo-400" : "bg-zinc-300 dark:bg-zinc-600"}`}
      >
        <span className={`absolute top-0.5 size-2 rounded-full bg-white transition-[left] ${follow ? "left-2.5" : "left-0.5"}`} />
      </span>
      <span>
        Follow<span className="sr-only"> newest</span>
      </span>
    </button>
  );
}
