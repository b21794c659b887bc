import { CreateBinButton } from "@/components/home/create-bin-button";
import { AccountBins } from "@/components/home/account-bins";
import { MyBins } from "@/components/home/my-bins";
import { HowItWorks } from "@/components/home/how-it-works";
import { ImportBinButton } from "@/components/home/import-bin-button";

export default function HomePage() {
  return (
    <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-14 sm:px-6 sm:py-20">
      <section className="text-center">
        <p className="mb-4 inline-flex items-center gap-2 rounded-full bg-indigo-50 px-3 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/15 ring-inset dark:bg-indigo-400/10 dark:text-indigo-300 dark:ring-indigo-400/25">
          Self-hosted · byte-exact · live
        </p>
        <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">See every webhook the moment it lands</h1>
        <p className="mx-auto mt-4 max-w-xl text-base text-pretty text-zinc-600 sm:text-lg dark:text-zinc-400">
          Create a bin, point any service at its URL, and inspect each request&apos;s method, headers, query and body as it arrives.
        </p>
        <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row sm:items-start">
          <CreateBinButton />
          <ImportBinButton />
        </div>
      </section>
      <HowItWorks />
      <AccountBins />
      <MyBins />
    </main>
  );
}
