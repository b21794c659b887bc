import { z } from "zod";

/** Words that would read as part of the app's own URLs (/bins/<name>, /h/<name>). */
const RESERVED_NAMES = new Set([
  "api",
  "app",
  "bins",
  "bin",
  "h",
  "new",
  "import",
  "health",
  "admin",
  "settings",
  "docs",
  "static",
  "socket-io",
  "next",
  "www",
]);

export const BinNameSchema = z
  .string()
  .min(3, "a bin name has at least 3 characters")
  .max(63, "a bin name has at most 63 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "a bin name uses lowercase letters, digits and inner hyphens, e.g. stripe-staging")
  .refine((name) => !name.includes("--"), "a bin name cannot contain two hyphens in a row")
  .refine((name) => !RESERVED_NAMES.has(name), "that name is reserved; pick another");
