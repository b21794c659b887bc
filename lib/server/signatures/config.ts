import { z } from "zod";
import { keyFromSecret, TEMPLATE_PLACEHOLDERS } from "./schemes/generic";
import { getScheme } from "./registry";
import { takesSignedUrl } from "@/lib/shared/signature-types";
import { SCHEME_IDS } from "../../shared/signature-types";

// Header names are RFC 9110 tokens; anything else could never arrive as a header.
const headerName = (what: string) =>
  z
    .string({ error: `${what} must be a header name` })
    .trim()
    .min(1, `${what} is empty`)
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, `${what} is not a valid HTTP header name`);

export const genericHmacOptionsSchema = z
  .object({
    algorithm: z.enum(["sha1", "sha256", "sha512"], { error: "algorithm must be sha1, sha256 or sha512" }).default("sha256"),
    header: headerName("header (the signature header)"),
    prefix: z.string({ error: "prefix must be text" }).max(64, "prefix is longer than 64 characters").default(""),
    encoding: z.enum(["hex", "base64"], { error: "encoding must be hex or base64" }).default("hex"),
    template: z
      .string({ error: "template must be text" })
      .min(1, "template is empty; use {body} to sign the raw body")
      .max(500, "template is longer than 500 characters")
      .default("{body}"),
    timestampHeader: headerName("timestampHeader").optional(),
    idHeader: headerName("idHeader").optional(),
    secretEncoding: z.enum(["utf8", "base64", "hex"], { error: "secretEncoding must be utf8, base64 or hex" }).default("utf8"),
    toleranceSeconds: z
      .number({ error: "toleranceSeconds must be a number" })
      .int("toleranceSeconds must be a whole number")
      .positive("toleranceSeconds must be more than 0")
      .max(7 * 24 * 3600, "toleranceSeconds is more than a week")
      .optional(),
  })
  .superRefine((options, ctx) => {
    const used = new Set<string>();
    for (const match of options.template.matchAll(/\{([^{}]*)\}/g)) {
      const name = match[1]!;
      if ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) used.add(name);
      else {
        ctx.addIssue({
          code: "custom",
          path: ["template"],
          message: `template has an unknown placeholder {${name}}; use ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
        });
      }
    }
    if (used.has("timestamp") && !options.timestampHeader) {
      ctx.addIssue({ code: "custom", path: ["timestampHeader"], message: "template uses {timestamp}, so timestampHeader is required" });
    }
    if (!used.has("timestamp") && options.timestampHeader) {
      ctx.addIssue({ code: "custom", path: ["template"], message: "timestampHeader is set but template does not sign {timestamp}" });
    }
    if (used.has("id") && !options.idHeader) {
      ctx.addIssue({ code: "custom", path: ["idHeader"], message: "template uses {id}, so idHeader is required" });
    }
    if (!used.has("id") && options.idHeader) {
      ctx.addIssue({ code: "custom", path: ["template"], message: "idHeader is set but template does not sign {id}" });
    }
    if (options.toleranceSeconds !== undefined && !used.has("timestamp")) {
      ctx.addIssue({
        code: "custom",
        path: ["toleranceSeconds"],
        message: "toleranceSeconds needs a signed timestamp: add {timestamp} to the template",
      });
    }
  });

function isPlainHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === "https:" || url.protocol === "http:") && url.search === "" && url.hash === "" && !text.includes("?") && !text.includes("#");
}

export const secretConfigSchema = z
  .object({
    scheme: z.enum(SCHEME_IDS, {
      error: (issue) =>
        issue.input === undefined ? "scheme is required" : `unknown scheme ${JSON.stringify(issue.input)}; expected one of ${SCHEME_IDS.join(", ")}`,
    }),
    secret: z.string({ error: "secret must be text" }).max(8192, "secret is longer than 8192 characters"),
    options: genericHmacOptionsSchema.optional(),
    toleranceSeconds: z
      .number({ error: "toleranceSeconds must be a number" })
      .int("toleranceSeconds must be a whole number")
      .min(0, "toleranceSeconds cannot be negative (0 turns the timestamp check off)")
      .max(7 * 24 * 3600, "toleranceSeconds is more than a week")
      .optional(),
    signedUrl: z
      .string({ error: "signedUrl must be text" })
      .max(2048, "signedUrl is longer than 2048 characters")
      .refine(
        isPlainHttpUrl,
        "signedUrl is the public http(s) URL the provider was given for this bin, without query or fragment (the captured subpath and query are appended)",
      )
      .optional(),
  })
  .superRefine((config, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (config.signedUrl !== undefined && !takesSignedUrl(getScheme(config.scheme))) {
      issue(
        "signedUrl",
        `signedUrl only applies to schemes that sign the URL (${SCHEME_IDS.filter((id) => getScheme(id).signsUrl).join(", ")}, generic-hmac), not to ${config.scheme}`,
      );
    }
    if (config.secret.trim() === "") {
      issue("secret", "secret is empty");
      return;
    }
    if (config.secret !== config.secret.trim()) {
      issue("secret", "secret has spaces or line breaks at its start or end; remove them (often a copied newline)");
      return;
    }
    if (config.scheme === "generic-hmac") {
      if (!config.options) {
        issue("options", "generic-hmac needs options: at least the signature header");
        return;
      }
      const key = keyFromSecret(config.secret, config.options.secretEncoding);
      if (!key || key.length === 0) {
        issue(
          "secret",
          config.options.secretEncoding === "base64"
            ? "secret is not valid base64, but secretEncoding says base64"
            : "secret is not valid hex (an even number of 0-9a-f characters), but secretEncoding says hex",
        );
      }
      return;
    }
    if (config.options) issue("options", `options only apply to generic-hmac, not to ${config.scheme}`);
    const problem = getScheme(config.scheme).validateSecret?.(config.secret);
    if (problem) issue("secret", problem);
  });

export type SecretConfigInput = z.input<typeof secretConfigSchema>;
