import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@/lib/server/ids";
import { z } from "zod";
import type { ApiKeyInfo, CreatedApiKey } from "@/lib/shared/api-types";
import { ConflictError, DomainError } from "@/lib/shared/errors";
import { parseInput } from "@/lib/server/validation";
import {
  MAX_API_KEYS_PER_USER,
  countApiKeys,
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
} from "@/lib/server/queries/api-keys";
import type { UserRecord } from "@/lib/server/queries/users";

const PREFIX = "hsk_";
const KEY_PATTERN = /^hsk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
/** Writing lastUsedAt on every request would turn reads into writes; once a minute says enough. */
const TOUCH_INTERVAL_MS = 60_000;

export const CreateApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "name the key (what uses it, e.g. CI)").max(100, "a key's name may be at most 100 characters"),
  scope: z.enum(["read", "write"], { error: 'scope must be "read" or "write"' }),
});

/** A key that does not open anything: malformed, unknown or revoked. 401, never 404: the caller must fix the key, not the bin. */
export class InvalidApiKeyError extends DomainError {
  constructor() {
    super("invalid_api_key", "This API key is not valid: it was revoked, or mistyped.", 401);
  }
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(PREFIX);
}

function describe(key: ApiKeyRecord): ApiKeyInfo {
  return {
    id: key.id,
    name: key.name,
    scope: key.scope as ApiKeyScope,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiKey(userId: string, input: unknown): Promise<CreatedApiKey> {
  const { name, scope } = parseInput(CreateApiKeySchema, input);
  if ((await countApiKeys(userId)) >= MAX_API_KEYS_PER_USER) {
    throw new ConflictError("too_many_api_keys", `An account keeps at most ${MAX_API_KEYS_PER_USER} API keys, revoked ones included.`);
  }
  const id = randomBytes(10).toString("hex").slice(0, 16);
  const key = `${PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
  const stored = await insertApiKey({ id, userId, name, scope, secretHash: sha256Hex(key), createdAt: new Date() });
  return { ...describe(stored), key };
}

export async function listUserApiKeys(userId: string): Promise<{ keys: ApiKeyInfo[] }> {
  return { keys: (await listApiKeys(userId)).map(describe) };
}

export async function revokeUserApiKey(userId: string, keyId: string): Promise<ApiKeyInfo> {
  const revoked = await revokeApiKey(userId, keyId, new Date());
  if (!revoked) throw new DomainError("api_key_not_found", "You have no API key with that id.", 404);
  return describe(revoked);
}

/** The user and scope a presented key stands for; throws InvalidApiKeyError for anything else. */
export async function resolveApiKey(key: string, now = new Date()): Promise<{ user: UserRecord; keyId: string; keyName: string; scope: ApiKeyScope }> {
  const match = KEY_PATTERN.exec(key);
  if (!match) throw new InvalidApiKeyError();
  const stored = await findApiKey(match[1]!);
  if (!stored || stored.revokedAt !== null) throw new InvalidApiKeyError();
  const presented = Buffer.from(sha256Hex(key), "hex");
  const expected = Buffer.from(stored.secretHash, "hex");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw new InvalidApiKeyError();
  if (!stored.lastUsedAt || now.getTime() - stored.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await touchApiKey(stored.id, now);
  return { user: stored.user, keyId: stored.id, keyName: stored.name, scope: stored.scope === "write" ? "write" : "read" };
}
