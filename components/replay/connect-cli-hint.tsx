import { ForwardCommand } from "@/components/forwarders/forward-command";

/**
 * Shown while no CLI is connected: the server does not reach localhost (nor, by default, any private
 * address), but a `hookscope forward` on the developer's machine does, and then shows up as a target.
 */
export function ConnectCliHint({ binId, token, origin }: { binId: string; token: string; origin: string }) {
  return (
    <section aria-label="Replay to your machine" className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-3 text-sm dark:border-zinc-700">
      <p className="text-zinc-600 dark:text-zinc-300">
        <span className="font-medium text-zinc-900 dark:text-zinc-100">Replaying to localhost?</span> Run hookscope forward on your machine: it appears here as
        a target and hands the request to your local app.
      </p>
      <ForwardCommand binId={binId} token={token} origin={origin} />
    </section>
  );
}
