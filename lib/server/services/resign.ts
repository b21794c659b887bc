import { z } from "zod";
import { DomainError } from "@/lib/shared/errors";
import { DELIVERY_AUTH, parseStoredSecrets, signatureSecrets } from "@/lib/server/bins/secrets";
import { resignRequest, SCHEMES, type OutgoingRequest, type ResignSummary, type SecretConfig } from "@/lib/server/signatures";

/** "Re-sign with the bin's <scheme> secret": which secret, and for a public-key scheme the owner's private key. */
export const ResignChoiceSchema = z
  .object({
    /** A secret of the bin by id; or `scheme`, which takes the bin's first secret of that scheme. */
    secretId: z.string().max(100).optional(),
    scheme: z.string().max(40).optional(),
    /** Used for this signature only and never stored or logged. */
    privateKey: z.string().max(16_384).optional(),
  })
  .strict()
  .refine((choice) => choice.secretId !== undefined || choice.scheme !== undefined, "resign names the bin's secret: give secretId or scheme");

export type ResignChoice = z.infer<typeof ResignChoiceSchema>;

/** The bin's secret the owner chose, with its id; 404 when there is none such. */
export function chooseBinSecret(storedSecrets: string, choice: ResignChoice): { id: string; secret: SecretConfig } {
  const stored = parseStoredSecrets(storedSecrets).filter((secret) => secret.scheme !== DELIVERY_AUTH);
  const index = stored.findIndex((secret) => (choice.secretId !== undefined ? secret.id === choice.secretId : secret.scheme === choice.scheme));
  const secret = index === -1 ? undefined : signatureSecrets(stored)[index];
  if (!secret) {
    const name = choice.secretId !== undefined ? "with that id" : `for ${SCHEMES.find((scheme) => scheme.id === choice.scheme)?.name ?? choice.scheme}`;
    throw new DomainError("resign_no_secret", `This bin has no signature secret ${name} to sign with; add one in the bin's settings.`, 404);
  }
  return { id: stored[index]!.id, secret };
}

/**
 * Signs `outgoing` again with one of the bin's stored secrets. Refusals are the owner's to fix
 * (no such secret, a public-key scheme without its private key), so they are 4xx with the reason.
 */
export function resignWithBinSecret(
  storedSecrets: string,
  choice: ResignChoice,
  outgoing: OutgoingRequest,
): { request: OutgoingRequest & { headers: [string, string][] }; summary: ResignSummary } {
  const { secret } = chooseBinSecret(storedSecrets, choice);
  const result = resignRequest(outgoing, secret, { privateKey: choice.privateKey });
  if (!result.ok) throw new DomainError("resign_refused", result.reason, 422);
  return result;
}
