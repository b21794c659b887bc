import type { z } from "zod";
import { ValidationError } from "@/lib/shared/errors";

/** Parses input against a schema; every problem is named with its path in one 400 message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "body"): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => `${issue.path.join(".") || what}: ${issue.message}`).join("; "));
  }
  return parsed.data;
}
