import type { Metadata } from "next";
import { AllBins } from "@/components/admin/all-bins";

export const metadata: Metadata = { title: "All bins", robots: { index: false, follow: false } };

export default function AdminPage() {
  return (
    <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">All bins</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Every bin on this instance, for its admins: open any of them, or delete it.</p>
      <AllBins />
    </main>
  );
}
