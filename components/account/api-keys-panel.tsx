"use client";
import { useState, type FormEvent } from "react";
import type { CreatedApiKey } from "@/lib/shared/api-types";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/client/account";
import { useAccountData } from "@/lib/client/use-account-data";
import { formatRelativeTime } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { errorMessage } from "@/lib/shared/errors";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { SignInNeeded } from "./sign-in-needed";
import { ACCOUNT_LIST_CLASS, AccountList } from "@/components/account/account-list";
import { HistoryButton } from "@/components/audit/history-button";

/** Personal API keys: created (shown once), listed with their last use, revoked. */
export function ApiKeysPanel() {
  const { me, signedIn, data: keys, reload } = useAccountData(listApiKeys);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(30_000);

  if (!signedIn) return <SignInNeeded me={me} returnTo="/account" what="to manage your API keys" />;

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    setProblem(null);
    createApiKey(String(form.get("name") ?? ""), form.get("scope") === "write" ? "write" : "read").then(
      (key) => {
        setCreated(key);
        target.reset();
        reload();
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  };
  const revoke = (keyId: string) => {
    setProblem(null);
    revokeApiKey(keyId).then(reload, (error: unknown) => setProblem(errorMessage(error)));
  };

  return (
    <section aria-labelledby="api-keys-heading" className="mt-8">
      <div className="flex items-center justify-between gap-3">
        <h2 id="api-keys-heading" className="text-lg font-semibold tracking-tight">
          API keys
        </h2>
        <HistoryButton
          source={{ path: "/api/me/audit", label: "Changes to your API keys" }}
          description="Which keys were created and revoked, and when. The keys themselves are never recorded."
        />
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        For scripts, CI and <code className="font-mono">hookscope forward --token</code>: sent as <code className="font-mono">Authorization: Bearer hsk_…</code>
        , a key opens your account&apos;s bins. <em>Read</em> keys only read; <em>write</em> keys also change bins and create them.
      </p>
      <form onSubmit={create} className="mt-4 flex flex-wrap items-end gap-3">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. CI"
            className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Scope
          <select
            name="scope"
            defaultValue="read"
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          >
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </label>
        <Button type="submit" variant="primary">
          Create key
        </Button>
      </form>
      {problem && (
        <p role="alert" className="mt-3 text-sm text-rose-700 dark:text-rose-300">
          {problem}
        </p>
      )}
      {created && (
        <div className="mt-4 rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
          <CopyField label={`New key "${created.name}" (${created.scope})`} value={created.key} copyLabel="Copy API key" />
          <p className="mt-2 text-xs text-amber-800 dark:text-amber-200">Copy it now: it is shown only once. Hookscope keeps only its hash.</p>
        </div>
      )}
      <div className="mt-6">
        <AccountList data={keys} items={(value) => value.keys} what="your keys" empty="No API keys yet.">
          {(list) => (
            <ul aria-label="Your API keys" className={ACCOUNT_LIST_CLASS}>
              {list.map((key) => (
                <li key={key.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                  <div className="min-w-0 flex-1">
                    <div className="flex items-center gap-2 text-sm font-medium">
                      {key.name}
                      <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{key.scope}</span>
                      {key.revokedAt && (
                        <span className="rounded-full bg-rose-50 px-2 py-0.5 text-xs text-rose-700 dark:bg-rose-400/10 dark:text-rose-300">revoked</span>
                      )}
                    </div>
                    <div className="mt-0.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                      hsk_{key.id}_… · created {formatRelativeTime(key.createdAt, now)} ·{" "}
                      {key.lastUsedAt ? `last used ${formatRelativeTime(key.lastUsedAt, now)}` : "never used"}
                    </div>
                  </div>
                  {!key.revokedAt && (
                    <Button size="sm" variant="danger" onClick={() => revoke(key.id)} aria-label={`Revoke ${key.name}`}>
                      Revoke
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </AccountList>
      </div>
    </section>
  );
}
