import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { MaskedSecret } from "@/lib/shared/api-types";
import { secretConfigSchema, type SecretConfig } from "@/lib/server/signatures";

/** The scheme name of the delivery-auth token (query token, Basic credentials or header token). */
export const DELIVERY_AUTH = "delivery-auth";

export interface StoredSecret {
  id: string;
  /** A signature scheme id, or "delivery-auth". */
  scheme: string;
  secret: string;
  toleranceSeconds?: number;
  options?: SecretConfig["options"];
  signedUrl?: string;
}

export type { MaskedSecret };

const DeliveryAuthSecretSchema = z.object({
  scheme: z.literal(DELIVERY_AUTH),
  secret: z
    .string()
    .min(8, "a delivery token has at least 8 characters")
    .max(512)
    .refine((value) => !/[\s]/.test(value) || value.includes(":"), "a delivery token has no spaces"),
});

/** Validates what the owner submits: a signature secret for a known scheme, or the delivery token. */
export function parseSecretInput(input: unknown): { ok: true; value: Omit<StoredSecret, "id"> } | { ok: false; message: string } {
  const scheme = (input as { scheme?: unknown } | null)?.scheme;
  const parsed = scheme === DELIVERY_AUTH ? DeliveryAuthSecretSchema.safeParse(input) : secretConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => `${issue.path.join(".") || "secret"}: ${issue.message}`).join("; ") };
  return { ok: true, value: parsed.data as Omit<StoredSecret, "id"> };
}

export function newSecretId(): string {
  return randomUUID();
}

export function parseStoredSecrets(json: string): StoredSecret[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as StoredSecret[]) : [];
  } catch {
    return [];
  }
}

export function maskSecret(secret: string): string {
  const prefix = /^(whsec_|whsk_|whpk_|sk_|xoxb-)/.exec(secret)?.[0] ?? "";
  const rest = secret.slice(prefix.length);
  // Short secrets show nothing of themselves: four characters of eight would be half the secret.
  const tail = rest.length >= 16 ? rest.slice(-4) : "";
  return `${prefix}••••••${tail}`;
}

export function toMasked(secret: StoredSecret): MaskedSecret {
  return {
    id: secret.id,
    scheme: secret.scheme,
    masked: maskSecret(secret.secret),
    ...(secret.toleranceSeconds !== undefined ? { toleranceSeconds: secret.toleranceSeconds } : {}),
    ...(secret.options ? { options: secret.options } : {}),
    ...(secret.signedUrl ? { signedUrl: secret.signedUrl } : {}),
  };
}

/** The signature secrets in the shape the verifiers take. */
export function signatureSecrets(secrets: StoredSecret[]): SecretConfig[] {
  return secrets
    .filter((secret) => secret.scheme !== DELIVERY_AUTH)
    .map((secret) => ({
      scheme: secret.scheme as SecretConfig["scheme"],
      secret: secret.secret,
      options: secret.options,
      toleranceSeconds: secret.toleranceSeconds,
      signedUrl: secret.signedUrl,
    }));
}
