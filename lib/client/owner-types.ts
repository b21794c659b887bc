// The owner-only API as the browser uses it: every type here is derived from the server's schemas
// (lib/shared/contract.ts for answers, the services' input schemas for what is sent), never restated.
import type { z } from "zod";
import type { MaskedSecret, SignatureSchemeInfo, Verification } from "@/lib/shared/api-types";
import type { BinSettings, Rule, SettingsPatchSchema } from "@/lib/shared/settings/settings";
import type { UpdateBinSchema } from "@/lib/server/services/bins";
import type { ReplaySchema } from "@/lib/server/services/deliveries";
import type { PushSchema } from "@/lib/server/services/forwarders";
import type { TestEventSchema } from "@/lib/server/services/test-events";
import type { genericHmacOptionsSchema, SecretConfigInput } from "@/lib/server/signatures";

export type { DeliveryList, ForwarderList, SenderPresetCatalogue, Verification } from "@/lib/shared/api-types";

export type HeaderPair = [string, string];

export type ResponseRule = Rule;
export type RuleWhen = Rule["when"];
export type RuleAction = Rule["action"];
/** `GET /api/bins/<binId>/settings`. */
export type BinSettingsJson = BinSettings;
export type ResponseConfig = BinSettings["response"];
export type CorsConfig = BinSettings["cors"];
export type ForwardConfig = BinSettings["forward"];
export type DeliveryAuthConfig = BinSettings["auth"];
export type DeliveryAuthMode = DeliveryAuthConfig["mode"];
/** `settings.sources`: which addresses may send. */
export type SendersConfig = BinSettings["sources"];
export type SendersMode = SendersConfig["mode"];
export type SenderPresetId = SendersConfig["presets"][number];
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

/** `PATCH /api/bins/<binId>`: every part optional; only the parts given change. */
export type BinPatch = z.input<typeof UpdateBinSchema>;
export type ReplayBody = z.input<typeof ReplaySchema>;
/** `POST /api/bins/<binId>/test-event`. */
export type TestEventBody = z.input<typeof TestEventSchema>;
/** `POST /api/bins/<binId>/forwarders/<name>/send`: the edits as in a replay, without a target (the CLI has its own). */
export type ForwarderPush = z.input<typeof PushSchema>;

/** The verdict's details (the expected signature only for the owner). */
export type VerificationDetails = NonNullable<Verification["details"]>;
export type SignatureScheme = SignatureSchemeInfo;
export type GenericHmacOptionsInput = z.input<typeof genericHmacOptionsSchema>;
export type StoredSecret = MaskedSecret;
/** `POST /api/bins/<binId>/secrets`: a signature secret, or the delivery-auth credential. */
export type NewSecret = Omit<SecretConfigInput, "scheme"> & { scheme: string };

/** The scheme id under which the delivery-auth credential is stored with the signing secrets. */
export const DELIVERY_AUTH_SCHEME = "delivery-auth";
export const GENERIC_HMAC_SCHEME = "generic-hmac";
