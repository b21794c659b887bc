// A fixture set: captured requests kept as regression tests. Exact (headers as ordered pairs, the
// body as base64 of its bytes) and secret-free: a fixture names the signature scheme its request
// carries, so `hookscope replay --resign-with-env` can sign it again, but never holds the secret.
import { z } from "zod";
import { SCHEME_IDS } from "./signature-types";

export const FIXTURE_FORMAT = "hookscope-fixtures";

export const FixtureSchema = z.strictObject({
  /** For reports: "POST /stripe" and the capture time. */
  name: z.string().max(300),
  requestId: z.string().max(64),
  method: z.string().min(1).max(32),
  /** The subpath after /h/<binId>, appended to the target URL. */
  path: z.string().max(8192),
  /** Without "?". */
  query: z.string().max(65536),
  headers: z.array(z.tuple([z.string(), z.string()])),
  bodyBase64: z.string(),
  /** The scheme whose signature the request carries (the bin's secret of that scheme, when one verified it); null: unsigned. */
  scheme: z.enum(SCHEME_IDS).nullable(),
  receivedAt: z.iso.datetime({ offset: true }),
});

export const FixtureSetSchema = z.strictObject({
  format: z.literal(FIXTURE_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime({ offset: true }),
  binId: z.string().max(64),
  fixtures: z.array(FixtureSchema),
});

export type Fixture = z.infer<typeof FixtureSchema>;
export type FixtureSet = z.infer<typeof FixtureSetSchema>;
