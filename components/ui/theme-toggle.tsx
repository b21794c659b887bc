"use client";
import { useEffect } from "react";
import { usePreference } from "@/lib/client/preference";
import { THEME_CHOICES, THEME_KEY, applyTheme, type ThemeChoice } from "@/lib/client/theme";

const LABELS: Record<ThemeChoice, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

export function ThemeToggle() {
  const [choice, setChoice] = usePreference<ThemeChoice>(THEME_KEY, THEME_CHOICES, "system");

  useEffect(() => {
    applyTheme(choice);
    if (choice !== "system") return;
    // Following the system means following its changes too (an OS switching at sunset).
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);

  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-800/80">
      {THEME_CHOICES.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={choice === option}
          aria-label={LABELS[option]}
          title={LABELS[option]}
          onClick={() => setChoice(option)}
          className={`flex size-7 items-center justify-center rounded transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
            choice === option
              ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100"
              : "text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"
          }`}
        >
          <ThemeIcon choice={option} />
        </button>
      ))}
    </div>
  );
}

function ThemeIcon({ choice }: { choice: ThemeChoice }) {
  const common = {
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.8,
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    "aria-hidden": true,
    className: "size-4",
  };
  if (choice === "light") {
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2.5v2M12 19.5v2M4.6 4.6l1.4 1.4M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4 6 18M18 6l1.4-1.4" />
      </svg>
    );
  }
  if (choice === "dark") {
    return (
      <svg {...common}>
        <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="3" y="4.5" width="18" height="12" rx="2" />
      <path d="M8.5 20h7M12 16.5V20" />
    </svg>
  );
}
