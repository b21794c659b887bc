"use client";
import { useState } from "react";
import { getInstancePolicy, setInstancePolicy } from "@/lib/client/account";
import { useAccountData } from "@/lib/client/use-account-data";
import { OUTBOUND_ROLE_LABELS, OUTBOUND_ROLES, ROLES_ALWAYS_ALLOWED, type OutboundRole } from "@/lib/shared/instance-policy";
import { errorMessage } from "@/lib/shared/errors";
import { HistoryButton } from "@/components/audit/history-button";
import { Button } from "@/components/ui/button";

type Saving = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

/** The admin's policy: which roles' replays and auto-forwards may reach private addresses. */
export function InstancePolicyPanel() {
  const { signedIn, data: policy, reload } = useAccountData(getInstancePolicy);
  // Unsaved ticks; null shows what the server holds.
  const [edits, setEdits] = useState<OutboundRole[] | null>(null);
  const [saving, setSaving] = useState<Saving>({ kind: "idle" });

  // The page above says what a failed load means (All bins shows the same refusal).
  if (!signedIn || policy.kind === "failed") return null;
  if (policy.kind === "loading") return <div className="h-40 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900" />;
  const { operatorAllowsPrivate, allowListEntries } = policy.value;
  const chosen = edits ?? policy.value.privateTargetRoles;
  const operatorOpened = operatorAllowsPrivate || allowListEntries > 0;
  const toggle = (role: OutboundRole) => {
    setSaving({ kind: "idle" });
    setEdits(chosen.includes(role) ? chosen.filter((r) => r !== role) : [...chosen, role]);
  };
  const save = () => {
    setSaving({ kind: "saving" });
    setInstancePolicy(chosen).then(
      () => {
        setSaving({ kind: "saved" });
        setEdits(null);
        reload();
      },
      (error: unknown) => setSaving({ kind: "failed", message: errorMessage(error) }),
    );
  };
  const unchanged = JSON.stringify([...chosen].sort()) === JSON.stringify([...policy.value.privateTargetRoles].sort());

  return (
    <section aria-labelledby="policy-heading" className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="policy-heading" className="text-base font-semibold tracking-tight">
            Private targets
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Who may replay or auto-forward to loopback, LAN and link-local addresses. Checked at every send, so queued forwards and retries follow a change; an
            auto-forward counts as sent by whoever last changed it.
          </p>
        </div>
        <HistoryButton
          source={{ path: "/api/admin/audit", label: "Changes to the instance's policies" }}
          description="Who changed the instance's policies, from what to what, and when."
        />
      </div>
      <p
        className={`mt-3 rounded-md px-3 py-2 text-xs ${operatorOpened ? "bg-zinc-50 text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300" : "bg-amber-50 text-amber-800 dark:bg-amber-950/50 dark:text-amber-200"}`}
      >
        {operatorOpened
          ? `The server's operator opened ${[operatorAllowsPrivate ? "private addresses (ALLOW_PRIVATE_TARGETS)" : null, allowListEntries > 0 ? `${allowListEntries} OUTBOUND_ALLOW_LIST ${allowListEntries === 1 ? "entry" : "entries"}` : null].filter(Boolean).join(" and ")}; the roles ticked here may use them.`
          : "The server's operator has not opened private addresses (ALLOW_PRIVATE_TARGETS, OUTBOUND_ALLOW_LIST): no role reaches them, whatever is ticked here."}
      </p>
      <fieldset className="mt-3">
        <legend className="sr-only">Roles that may reach private targets</legend>
        <ul className="flex flex-col gap-1.5">
          {OUTBOUND_ROLES.map((role) => {
            const fixed = ROLES_ALWAYS_ALLOWED.includes(role);
            return (
              <li key={role}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    checked={fixed || chosen.includes(role)}
                    disabled={fixed}
                    onChange={() => toggle(role)}
                  />
                  <span>{OUTBOUND_ROLE_LABELS[role]}</span>
                  {fixed && <span className="text-xs text-zinc-500 dark:text-zinc-400">(always: admins set this policy)</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="mt-4 flex items-center gap-3">
        <Button size="md" variant="primary" disabled={unchanged || saving.kind === "saving"} onClick={save}>
          Save policy
        </Button>
        <span role="status" className="text-sm">
          {saving.kind === "saved" && <span className="text-emerald-700 dark:text-emerald-300">Saved.</span>}
          {saving.kind === "failed" && <span className="text-rose-700 dark:text-rose-300">{saving.message}</span>}
        </span>
      </div>
    </section>
  );
}
