import Link from "next/link";

/** A bin's id as a link to its inspector, as the bin lists show it. */
export function BinLink({ binId }: { binId: string }) {
  return (
    <Link href={`/bins/${encodeURIComponent(binId)}`} className="font-mono text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
      {binId}
    </Link>
  );
}
