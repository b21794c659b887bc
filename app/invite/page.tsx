import type { Metadata } from "next";
import { AcceptInvite } from "@/components/teams/accept-invite";

export const metadata: Metadata = { title: "Team invitation", robots: { index: false, follow: false } };

export default function InvitePage() {
  return (
    <main className="mx-auto flex w-full max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <AcceptInvite />
    </main>
  );
}
