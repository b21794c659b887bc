/** A hook inside a lens. Decorative: the product name is always next to it. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600 dark:fill-indigo-500" />
      <circle cx="15" cy="14" r="7.5" fill="none" stroke="white" strokeWidth="2.5" />
      <path d="M20.5 19.5 25 24" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M15 10.5v5a2 2 0 0 1-4 0" fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
