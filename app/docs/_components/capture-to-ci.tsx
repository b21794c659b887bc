// The workflow from a captured delivery to a regression test in CI, in one place (the README has
// the same section).
import { InlineText } from "./inline-text";
const STEPS: { title: string; body: string; code: string }[] = [
  {
    title: "1. Capture",
    body: "Point the provider (or `hookscope forward` while you develop) at the bin. Add the provider's secret in the bin's settings so each request is verified and its scheme is known.",
    code: "https://<host>/h/<binId>/stripe",
  },
  {
    title: "2. Replay, re-signed",
    body: "A captured signature goes stale (Stripe and Slack allow 5 minutes, Paddle 5 seconds). Replay from the Replay tab with “Re-sign with the bin's <scheme> secret”, or through the API: a fresh timestamp (and message id where the scheme signs one) and a signature your handler accepts. The delivery log says which headers were replaced, never the secret. Public-key schemes (Discord, SendGrid, Standard Webhooks v1a) need a private key of yours, else they are refused by name.",
    code: `curl -X POST "$HOOKSCOPE/api/bins/<binId>/requests/<requestId>/replay" \\
  -H "Authorization: Bearer <ownerToken>" -H "Content-Type: application/json" \\
  -d '{"targetUrl":"https://staging.example.com/webhooks","resign":{"scheme":"stripe"}}'`,
  },
  {
    title: "3. Export fixtures",
    body: "Export → Fixtures (for CI) on the bin, the marked requests or one request; or the API. A fixture set keeps the exact bytes (base64), headers in order, method, subpath, query and the name of each request's scheme, never the secret: it can be committed.",
    code: `curl -H "Authorization: Bearer <ownerToken>" -o webhooks.fixtures.json \\
  "$HOOKSCOPE/api/bins/<binId>/export?format=fixtures&ids=<requestId>,<requestId>"`,
  },
  {
    title: "4. Run them in CI",
    body: "`hookscope replay` sends every fixture to your handler, re-signed with the secret from an environment variable, checks each answer, exits 1 with an expected/got diff on any mismatch and writes JUnit XML. `--example vitest` or `--example pytest` prints a test file that drives the same fixtures from your own test runner (sent as captured, without re-signing).",
    code: `STRIPE_WEBHOOK_SECRET=whsec_… npx hookscope replay webhooks.fixtures.json \\
  --to http://localhost:3000/webhooks --resign-with-env STRIPE_WEBHOOK_SECRET \\
  --expect 2xx --expect '$.received=true' --junit reports/webhooks.xml`,
  },
  {
    title: "5. Rehearse retries (chaos)",
    body: "`--duplicate N` sends each fixture N times (the same bytes, like a provider's retries), `--reorder W` reverses the order within windows of W, `--delay` spaces them, `--drip` writes each body slowly (bytes per second, like a slow sender), `--stale` also sends the captured (old) signature, and `--counter <url>` reads your handler's own count before and after. The summary names what was accepted that arguably should not have been, and exits 1; without a counter it does not guess about double processing.",
    code: `npx hookscope replay webhooks.fixtures.json --to http://localhost:3000/webhooks \\
  --resign-with-env STRIPE_WEBHOOK_SECRET --duplicate 3 --reorder 5 --stale \\
  --counter http://localhost:3000/webhooks/stats --counter-path '$.processed'`,
  },
  {
    title: "Signed test events",
    body: "The bin's “Test event” (or `POST /api/bins/<binId>/test-event`) signs a provider's template, or your edited body, with one of the bin's secrets, for any scheme but GitLab and Telegram (their header is the secret itself, which share-link viewers would read); it is captured in the bin and, with a target URL, replayed there re-signed.",
    code: `curl -X POST "$HOOKSCOPE/api/bins/<binId>/test-event" -H "Authorization: Bearer <ownerToken>" \\
  -H "Content-Type: application/json" -d '{"scheme":"github","targetUrl":"https://staging.example.com/webhooks"}'`,
  },
];

export function CaptureToCi() {
  return (
    <section id="capture-to-ci" aria-labelledby="capture-to-ci-title" className="max-w-3xl scroll-mt-20 space-y-3">
      <h2 id="capture-to-ci-title" className="text-lg font-semibold tracking-tight">
        From capture to CI: rehearse your handler
      </h2>
      <ol className="space-y-4">
        {STEPS.map((step) => (
          <li key={step.title} className="space-y-1.5">
            <h3 className="text-sm font-semibold">{step.title}</h3>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              <InlineText text={step.body} />
            </p>
            <pre className="overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-[12.5px] leading-5 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-900 dark:ring-zinc-800">
              {step.code}
            </pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
