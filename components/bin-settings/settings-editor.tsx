"use client";
import { useId, useState, type FormEvent } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { errorMessage, getBinSettings, updateBin } from "@/lib/client/owner-api";
import { buildSettingsPatch, sectionOfServerMessage, settingsToForm, type FormErrors, type SettingsForm } from "@/lib/client/owner-settings-form";
import type { BinSettingsJson } from "@/lib/client/owner-types";
import { Tabs } from "@/components/ui/tabs";
import { Alert } from "@/components/owner-tools/alert";
import { CorsSection } from "./cors-section";
import { DeliveryAuthSection } from "./delivery-auth-section";
import { ForwardSection } from "./forward-section";
import { LifetimeSection } from "./lifetime-section";
import { ResponseSection } from "./response-section";
import { RulesSection } from "./rules-section";
import { SaveBar, type SaveStatus } from "./save-bar";
import { SecretsSection } from "./secrets-section";
import { SendersSection } from "./senders-section";

type Section = "response" | "rules" | "delivery" | "lifetime" | "secrets" | "auth" | "senders";

const SECTIONS: { key: Section; label: string }[] = [
  { key: "response", label: "Response" },
  { key: "rules", label: "Failure rules" },
  { key: "delivery", label: "CORS & forwarding" },
  { key: "lifetime", label: "Lifetime" },
  { key: "secrets", label: "Secrets" },
  { key: "auth", label: "Delivery auth" },
  { key: "senders", label: "Senders" },
];

/** Secrets, delivery auth and senders save on their own; the other tabs share one form and one Save. */
const FORM_SECTIONS: ReadonlySet<Section> = new Set(["response", "rules", "delivery", "lifetime"]);

function sectionOfField(path: string): Section {
  const head = path.split(".")[0];
  return head === "cors" || head === "forward" ? "delivery" : head === "rules" || head === "lifetime" ? head : "response";
}

/** Content only, keys aside: a row added and removed again is not a change. */
const signature = (form: SettingsForm) => JSON.stringify(form, (name, value: unknown) => (name === "key" ? undefined : value));

interface SettingsEditorProps {
  binId: string;
  token: string;
  info: BinInfo;
  settings: BinSettingsJson;
}

export function SettingsEditor({ binId, token, info, settings }: SettingsEditorProps) {
  const formId = useId();
  const [section, setSection] = useState<Section>("response");
  const [saved, setSaved] = useState(() => ({ form: settingsToForm(settings, info), settings }));
  const [form, setForm] = useState(saved.form);
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const dirty = signature(form) !== signature(saved.form);

  const edit = (next: SettingsForm) => {
    setForm(next);
    if (status.kind === "saved") setStatus({ kind: "idle" });
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const { errors: found, patch } = buildSettingsPatch(form, saved.form);
    setErrors(found);
    const firstError = Object.keys(found)[0];
    if (firstError) {
      setSection(sectionOfField(firstError));
      setStatus({ kind: "invalid" });
      return;
    }
    if (!patch) {
      setStatus({ kind: "saved" });
      return;
    }
    setStatus({ kind: "saving" });
    try {
      const newInfo = await updateBin(binId, token, patch);
      const newSettings = await getBinSettings(binId, token);
      const newForm = settingsToForm(newSettings, newInfo);
      setSaved({ form: newForm, settings: newSettings });
      setForm(newForm);
      setStatus({ kind: "saved" });
    } catch (error) {
      // The form keeps what was typed; the message says what the server refused.
      const message = errorMessage(error);
      const about = sectionOfServerMessage(message);
      if (about) setSection(about === "cors" || about === "forward" ? "delivery" : about);
      setStatus({ kind: "failed", message });
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {info.managed && (
        <div className="shrink-0 px-5 pt-4">
          <Alert tone="info" title="Managed by configuration">
            This bin is declared in the server&apos;s configuration file (HOOKSCOPE_CONFIG). Its settings and secrets are shown read-only here: change them in
            that file, and the server applies it at its next start.
          </Alert>
        </div>
      )}
      <Tabs<Section> label="Settings sections" dense items={SECTIONS} selected={section} onSelect={setSection}>
        {/* A disabled fieldset makes every control inside read-only at once, the way the browser does it. */}
        <fieldset disabled={info.managed} className="contents">
          {FORM_SECTIONS.has(section) ? (
            // The Save bar sits outside the scrolling panel and submits this form through its id.
            <form id={formId} noValidate onSubmit={save} aria-label="Bin settings" className="space-y-6 px-5 py-5">
              {section === "response" && <ResponseSection value={form.response} errors={errors} onChange={(response) => edit({ ...form, response })} />}
              {section === "rules" && <RulesSection rules={form.rules} errors={errors} onChange={(rules) => edit({ ...form, rules })} />}
              {section === "delivery" && (
                <>
                  <CorsSection value={form.cors} errors={errors} onChange={(cors) => edit({ ...form, cors })} />
                  <hr className="border-zinc-200 dark:border-zinc-800" />
                  <ForwardSection value={form.forward} errors={errors} onChange={(forward) => edit({ ...form, forward })} />
                </>
              )}
              {section === "lifetime" && (
                <LifetimeSection
                  value={form.lifetime}
                  savedExpiresAt={saved.form.lifetime.expiresAt}
                  errors={errors}
                  onChange={(lifetime) => edit({ ...form, lifetime })}
                />
              )}
            </form>
          ) : (
            <div className="space-y-6 px-5 py-5">
              {section === "secrets" && <SecretsSection binId={binId} token={token} captureUrl={info.captureUrl} />}
              {section === "auth" && (
                <DeliveryAuthSection
                  binId={binId}
                  token={token}
                  captureUrl={info.captureUrl}
                  auth={saved.settings.auth}
                  onSaved={(auth) => setSaved((current) => ({ ...current, settings: { ...current.settings, auth } }))}
                />
              )}
              {section === "senders" && (
                <SendersSection
                  binId={binId}
                  token={token}
                  sources={saved.settings.sources}
                  onSaved={(sources) => setSaved((current) => ({ ...current, settings: { ...current.settings, sources } }))}
                />
              )}
            </div>
          )}
        </fieldset>
      </Tabs>
      {FORM_SECTIONS.has(section) ? (
        <SaveBar formId={formId} status={status} dirty={dirty} disabled={info.managed} />
      ) : (
        dirty && (
          <p className="shrink-0 border-t border-zinc-200 bg-zinc-50 px-5 py-2 text-xs text-amber-700 dark:border-zinc-800 dark:bg-zinc-950/50 dark:text-amber-300">
            You have unsaved changes in the other tabs.
          </p>
        )
      )}
    </div>
  );
}
