/**
 * Trust checks for captured webhooks: which provider signed a request, and whether the signature,
 * its timestamp and the bin's secrets agree. Pure functions: no database, no clock, no network.
 */
export { FRESHNESS_RESULTS, SCHEME_IDS, SIGNATURE_RESULTS } from "../../shared/signature-types";
export type {
  CapturedRequest,
  FreshnessResult,
  GenericHmacOptions,
  HmacAlgorithm,
  SchemeId,
  SecretConfig,
  SecretEncoding,
  SignatureEncoding,
  SignatureResult,
  Verdict,
  VerdictDetails,
  VerdictStatus,
} from "../../shared/signature-types";
export { SCHEMES, type SchemeInfo } from "./registry";
export { detectScheme, rankSchemes } from "./detect";
export { verifyRequest } from "./verify";
export { deliveryId, deliveryIdIn, type DeliveryId } from "./delivery";
export { RequestView } from "./request";
export { genericHmacOptionsSchema, secretConfigSchema, type SecretConfigInput } from "./config";
export { resignRequest, type OutgoingRequest, type ResignOptions, type ResignResult, type ResignSummary } from "./resign";
