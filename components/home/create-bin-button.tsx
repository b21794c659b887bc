"use client";
import { useRouter } from "next/navigation";
import { createBin } from "@/lib/client/api";
import { saveOwnedBin, useHydrated } from "@/lib/client/bin-store";
import { Button, buttonClass } from "@/components/ui/button";
import { signInHref, useMe } from "@/lib/client/account";
import { PlusIcon } from "@/components/ui/icons";
import { useAction } from "@/components/ui/use-action";

export function CreateBinButton() {
  const router = useRouter();
  // Server-rendered, the button shows before React runs, and a click then did nothing at all.
  const hydrated = useHydrated();
  // AUTH_REQUIRED: the server refuses bins to nobody; say so before the click.
  const me = useMe();
  const {
    run: onClick,
    busy,
    error,
  } = useAction(
    async () => {
      const bin = await createBin();
      // Stored before navigating: the inspector reads the owner token from here.
      saveOwnedBin({ id: bin.id, ownerToken: bin.ownerToken, createdAt: new Date().toISOString() });
      router.push(`/bins/${encodeURIComponent(bin.id)}`);
    },
    { busyAfterSuccess: true },
  );

  if (me.kind === "ready" && me.me.signIn.required && !me.me.user) {
    return (
      <a href={signInHref("/")} className={buttonClass("primary", "lg")}>
        Sign in to create a bin
      </a>
    );
  }
  return (
    <div className="flex flex-col items-center gap-3">
      <Button variant="primary" size="lg" onClick={onClick} disabled={busy || !hydrated}>
        <PlusIcon className="size-5" />
        {busy ? "Creating…" : "Create a bin"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          Could not create a bin: {error}
        </p>
      )}
    </div>
  );
}
