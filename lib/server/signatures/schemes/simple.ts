import { utf8 } from "../crypto";
import { bodyHmacScheme } from "./body-hmac";

export const shopify = bodyHmacScheme({
  id: "shopify",
  name: "Shopify",
  secret: { label: "App API secret key (client secret)", example: "shpss_… or the app's client secret", kind: "shared-secret" },
  // The Events API sends the lower-case, unprefixed name.
  signatureHeaders: ["X-Shopify-Hmac-Sha256", "shopify-hmac-sha256"],
  otherHeaders: ["X-Shopify-Topic", "X-Shopify-Webhook-Id"],
  algorithm: "sha256",
  encoding: "base64",
  mismatchHints: () => [
    "Webhooks sent from a store's Notifications settings are signed with a different key than the app's; Shopify's own library fails them too.",
  ],
});

export const typeform = bodyHmacScheme({
  id: "typeform",
  name: "Typeform",
  secret: { label: "Webhook secret", example: "the secret set on the Typeform webhook", kind: "shared-secret" },
  signatureHeaders: ["Typeform-Signature"],
  algorithm: "sha256",
  encoding: "base64",
  prefix: "sha256=",
});

export const sentry = bodyHmacScheme({
  id: "sentry",
  name: "Sentry",
  secret: { label: "Integration client secret", example: "64 hex characters", kind: "shared-secret" },
  signatureHeaders: ["Sentry-Hook-Signature"],
  otherHeaders: ["Sentry-Hook-Timestamp", "Sentry-Hook-Resource", "Request-ID"],
  algorithm: "sha256",
  encoding: "hex",
});

export const vercel = bodyHmacScheme({
  id: "vercel",
  name: "Vercel",
  secret: { label: "Webhook secret", example: "the secret shown when the webhook was created", kind: "shared-secret" },
  signatureHeaders: ["x-vercel-signature"],
  algorithm: "sha1",
  encoding: "hex",
});

const NAMED: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };
const DECIMAL: Record<string, string> = { "60": "<", "62": ">", "34": '"', "39": "'", "38": "&" };
const HEXADECIMAL: Record<string, string> = { "22": '"', "27": "'", "26": "&" };

/**
 * WooCommerce signs with wp_specialchars_decode($secret, ENT_QUOTES): a secret containing & < > " '
 * may be stored escaped, and the signature uses the decoded text. Decoding here makes a secret copied
 * from the database and one typed by hand agree.
 */
export function wpSpecialcharsDecode(text: string): string {
  return text.replace(
    /&(lt|gt|quot|amp);|&#0*(60|62|34|39|38);|&#[xX]0*(22|27|26);/g,
    (entity, named?: string, decimal?: string, hexadecimal?: string) =>
      (named && NAMED[named]) ?? (decimal && DECIMAL[decimal]) ?? (hexadecimal && HEXADECIMAL[hexadecimal]) ?? entity,
  );
}

export const woocommerce = bodyHmacScheme({
  id: "woocommerce",
  name: "WooCommerce",
  secret: { label: "Webhook secret", example: "the Secret field of the WooCommerce webhook", kind: "shared-secret" },
  signatureHeaders: ["X-WC-Webhook-Signature"],
  otherHeaders: ["X-WC-Webhook-Delivery-ID", "X-WC-Webhook-Topic"],
  algorithm: "sha256",
  encoding: "base64",
  key: (secret) => utf8(wpSpecialcharsDecode(secret)),
});
