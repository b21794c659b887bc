import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/account/api-keys-panel";

export const metadata: Metadata = { title: "Your account", robots: { index: false, follow: false } };

export default function AccountPage() {
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
      <ApiKeysPanel />
    </main>
  );
}
