import { z } from "zod";
import type { TestEventResult } from "@/lib/shared/api-types";
import { TEST_EVENT_TEMPLATES } from "@/lib/shared/test-events";
import { DomainError } from "@/lib/shared/errors";
import { TargetUrl } from "@/lib/shared/settings/settings";
import { senderUrl } from "@/lib/server/bins/sender-url";
import type { BinAccess } from "@/lib/server/services/access";
import { resignRequest, SCHEMES } from "@/lib/server/signatures";
import { captureRequest } from "@/lib/server/services/capture";
import { replayRequest } from "@/lib/server/services/deliveries";
import { chooseBinSecret, ResignChoiceSchema } from "@/lib/server/services/resign";

export const TestEventSchema = z
  .object({
    secretId: z.string().max(100).optional(),
    scheme: z.string().max(40).optional(),
    /** For a public-key scheme: used for this event only, never stored. */
    privateKey: z.string().max(16_384).optional(),
    /** The body to sign instead of the scheme's template. */
    body: z.string().max(1_000_000).optional(),
    /** The subpath below the capture URL (or the target); the template's by default. */
    path: z
      .string()
      .max(2048)
      .regex(/^(\/[^?#\s]*)?$/, "path is a subpath such as /stripe")
      .optional(),
    /** Replay it there after capturing it, re-signed for that URL; absent: the bin only. */
    targetUrl: TargetUrl.optional(),
  })
  .strict()
  .refine((input) => input.secretId !== undefined || input.scheme !== undefined, "choose the bin's secret to sign with: give secretId or scheme");

export type TestEventInput = z.infer<typeof TestEventSchema>;

/**
 * Builds the scheme's template (or the owner's body), signs it now with the bin's secret and
 * captures it in the bin as if the provider had sent it, so the inspector verifies it like any
 * delivery; with a target it is then replayed there (re-signed for that URL, through the replay's
 * target policy and delivery log). Captured in-process: the server does not call itself over HTTP.
 */
export async function sendTestEvent(access: BinAccess, origin: string, input: TestEventInput): Promise<TestEventResult> {
  const { bin } = access;
  const choice = ResignChoiceSchema.parse({ secretId: input.secretId, scheme: input.scheme, privateKey: input.privateKey });
  const { id: secretId, secret } = chooseBinSecret(bin.secrets, choice);
  const scheme = SCHEMES.find((info) => info.id === secret.scheme);
  // Share-link viewers read every captured request; the bin's secrets are never shown to them.
  if (scheme?.secret.kind === "token")
    throw new DomainError(
      "secret_in_request",
      `${scheme.name} sends the secret itself in ${scheme.signatureHeaders.join(", ")}: a test event would store it in the bin, where share-link viewers read it. Send a test from ${scheme.name} itself, or replay a captured request to your target with re-signing.`,
      422,
    );
  const template = TEST_EVENT_TEMPLATES[secret.scheme];
  const path = input.path ?? template.path;
  const headers: [string, string][] = [
    ["Host", new URL(origin).host],
    ["Content-Type", template.contentType],
    ...template.headers,
    ["User-Agent", "Hookscope-TestEvent/1"],
  ];
  const body = Buffer.from(input.body ?? template.body);
  const signed = resignRequest({ method: "POST", url: senderUrl(bin.id, path, "", headers), headers, body }, secret, { privateKey: input.privateKey });
  if (!signed.ok) throw new DomainError("resign_refused", signed.reason, 422);
  const url = new URL(signed.request.url);
  const captured = await captureRequest({
    binId: bin.id,
    method: "POST",
    path,
    query: url.search.slice(1),
    rawHeaders: signed.request.headers.flat(),
    body: Buffer.from(signed.request.body),
    // The event comes from this server's own process.
    remoteAddress: "127.0.0.1",
    httpVersion: "1.1",
    receivedAt: Date.now(),
    plainHttp: url.protocol === "http:",
  });
  const delivery = input.targetUrl
    ? await replayRequest(access, captured.summary.id, {
        targetUrl: input.targetUrl.replace(/\/+$/, "") + path,
        resign: { secretId, ...(input.privateKey ? { privateKey: input.privateKey } : {}) },
      })
    : null;
  return { request: captured.summary, signed: signed.summary, delivery };
}
