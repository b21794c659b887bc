/**
 * Trust checks for captured webhooks: which provider signed a request, and whether the signature,
 * its timestamp and the bin's secrets agree. Pure functions: no database, no clock, no network.
 */
export { SCHEME_IDS } from "./types";
export type {
  CapturedRequest,
  GenericHmacOptions,
  HmacAlgorithm,
  SchemeId,
  SecretConfig,
  SecretEncoding,
  SignatureEncoding,
  Verdict,
  VerdictDetails,
  VerdictStatus,
} from "./types";
export { SCHEMES, type SchemeInfo } from "./registry";
export { detectScheme } from "./detect";
export { verifyRequest } from "./verify";
export { deliveryId, type DeliveryId } from "./delivery";
export { genericHmacOptionsSchema, secretConfigSchema, type SecretConfigInput } from "./config";
