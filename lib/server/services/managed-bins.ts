import type { ManagedBin } from "@/lib/server/config/bins-config";
import { env } from "@/lib/server/env";
import { newToken } from "@/lib/server/ids";
import { createBin, getBin, updateBin } from "@/lib/server/queries/bins";
import { hashToken } from "@/lib/server/services/access";
import { parseStoredSettings } from "@/lib/shared/settings/settings";
import type { OutboundRole } from "@/lib/shared/instance-policy";

/**
 * Creates or brings up to date each bin the configuration declares. Idempotent: the same file gives
 * the same rows, so every instance may apply it at every start. Captured requests are kept; the
 * share link, the rule counter and the last replay target survive unless the rules change.
 */
export async function applyManagedBins(bins: ManagedBin[]): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const declared of bins) {
    const maxRequests = declared.maxRequests ?? env().BIN_MAX_REQUESTS;
    let bin = await getBin(declared.name);
    if (!bin) {
      bin = await createBin({
        id: declared.name,
        ownerTokenHash: hashToken(declared.ownerToken),
        shareToken: newToken(),
        expiresAt: null,
        maxRequests,
        ownerUserId: null,
        ownerTeamId: null,
      });
      // Another instance may have created it first: then it is only brought up to date below.
      bin ??= await getBin(declared.name);
      if (!bin) throw new Error(`The bin ${declared.name} could neither be created nor found.`);
      created.push(declared.name);
    }
    const stored = parseStoredSettings(bin.settings);
    const sameRules = JSON.stringify(stored.rules) === JSON.stringify(declared.settings.rules);
    const settings = { ...declared.settings, rulesBase: sameRules ? stored.rulesBase : bin.captureCount, lastReplayTarget: stored.lastReplayTarget };
    const secrets = JSON.stringify(declared.secrets);
    const changes = {
      ownerTokenHash: hashToken(declared.ownerToken),
      settings: JSON.stringify(settings),
      secrets,
      maxRequests,
      expiresAt: null,
      // The operator wrote the file: its forwards are an admin's (lib/shared/instance-policy.ts).
      forwardRole: "admin" satisfies OutboundRole,
      // Stored verdicts follow the secrets: the re-check at start (resumePendingRechecks) picks it up.
      ...(secrets !== bin.secrets ? { recheckPending: true } : {}),
    };
    const differs =
      changes.ownerTokenHash !== bin.ownerTokenHash ||
      changes.settings !== bin.settings ||
      secrets !== bin.secrets ||
      maxRequests !== bin.maxRequests ||
      changes.forwardRole !== bin.forwardRole ||
      bin.expiresAt !== null;
    if (!differs) continue;
    await updateBin(bin.id, changes);
    if (!created.includes(declared.name)) updated.push(declared.name);
  }
  return { created, updated };
}
