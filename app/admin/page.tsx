import type { Metadata } from "next";
import { AllBins } from "@/components/admin/all-bins";
import { InstancePolicyPanel } from "@/components/admin/instance-policy-panel";

export const metadata: Metadata = { title: "Admin", robots: { index: false, follow: false } };

export default function AdminPage() {
  return (
    <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">This instance&apos;s policies and every bin on it, for its admins.</p>
      <InstancePolicyPanel />
      <h2 className="mt-10 text-lg font-semibold tracking-tight">All bins</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Open any bin, or delete it.</p>
      <AllBins />
    </main>
  );
}
