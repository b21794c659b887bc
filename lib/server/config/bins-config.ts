import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { BinNameSchema } from "@/lib/server/bins/naming";
import { parseSecretInput, type StoredSecret } from "@/lib/server/bins/secrets";
import { applySettingsPatch, DEFAULT_SETTINGS, SettingsPatchSchema, type BinSettings } from "@/lib/shared/settings/settings";
import { errorMessage } from "@/lib/shared/errors";

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name");

const ConfigSecretSchema = z
  .object({
    scheme: z.string(),
    /** The secret itself never goes in the file: the variable that holds it. */
    secretEnv: EnvName,
    toleranceSeconds: z.number().optional(),
    signedUrl: z.string().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const ConfigBinSchema = z
  .object({
    name: BinNameSchema,
    /** The variable holding the owner token, so the operator can open the bin (never in the file). */
    ownerTokenEnv: EnvName,
    maxRequests: z.number().int().min(1).optional(),
    settings: SettingsPatchSchema.optional(),
    secrets: z.array(ConfigSecretSchema).max(20).default([]),
  })
  .strict();

const ConfigFileSchema = z.object({ bins: z.array(ConfigBinSchema).min(1, "list at least one bin") }).strict();

/** A bin as the configuration declares it, with its secrets read from the environment. */
export interface ManagedBin {
  name: string;
  ownerToken: string;
  maxRequests: number | undefined;
  settings: BinSettings;
  secrets: StoredSecret[];
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** "file:line:column" of the value at `path`, or of the nearest parent the file has. */
function where(file: string, doc: Document, lines: LineCounter, path: readonly PropertyKey[]): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return `${file}:${line}:${col}`;
    }
  }
  return file;
}

const fieldPath = (path: readonly PropertyKey[]) =>
  path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");

/**
 * Reads HOOKSCOPE_CONFIG (YAML or JSON): bins declared by name, applied on every start. Every
 * problem is reported with the file, line, column and field; secrets and owner tokens come from
 * the environment, so the file can be committed.
 */
export function loadBinsConfig(file: string, environment: NodeJS.ProcessEnv = process.env): ManagedBin[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`${file}: cannot be read (${errorMessage(error)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    throw new ConfigError(`${file}:${line}:${col}: ${syntax.message.split("\n")[0]}`);
  }
  const parsed = ConfigFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${where(file, doc, lines, issue.path)} ${fieldPath(issue.path) || "(file)"}: ${issue.message}`);
    throw new ConfigError(problems.join("\n"));
  }
  const fail = (path: (string | number)[], message: string): never => {
    throw new ConfigError(`${where(file, doc, lines, path)} ${fieldPath(path)}: ${message}`);
  };
  const names = new Set<string>();
  return parsed.data.bins.map((bin, b): ManagedBin => {
    if (names.has(bin.name)) fail(["bins", b, "name"], `the bin ${bin.name} is declared twice`);
    names.add(bin.name);
    const ownerToken = environment[bin.ownerTokenEnv] ?? "";
    if (ownerToken.length < 16)
      fail(
        ["bins", b, "ownerTokenEnv"],
        `${bin.ownerTokenEnv} must hold the owner token (at least 16 characters); it is ${ownerToken ? "too short" : "not set"}`,
      );
    let settings: BinSettings;
    try {
      settings = applySettingsPatch(DEFAULT_SETTINGS, bin.settings ?? {}, 0);
    } catch (error) {
      return fail(["bins", b, "settings"], errorMessage(error));
    }
    const secrets = bin.secrets.map((declared, s): StoredSecret => {
      const value = environment[declared.secretEnv];
      if (!value) return fail(["bins", b, "secrets", s, "secretEnv"], `${declared.secretEnv} is not set`);
      const { secretEnv: _env, ...rest } = declared;
      const checked = parseSecretInput({ ...rest, secret: value });
      if (!checked.ok) return fail(["bins", b, "secrets", s], checked.message);
      // A stable id: the same file applied again yields the same stored secrets.
      return { id: `config-${s + 1}`, ...checked.value };
    });
    return { name: bin.name, ownerToken, maxRequests: bin.maxRequests, settings, secrets };
  });
}
