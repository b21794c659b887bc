"use client";
import { useState, type FormEvent } from "react";
import { errorMessage, listSenderPresets, updateBin } from "@/lib/client/owner-api";
import { useLoad } from "@/lib/client/owner-load";
import type { SenderPresetId, SendersConfig, SendersMode } from "@/lib/client/owner-types";
import { parseAllowList } from "@/lib/client/trust-words";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/owner-tools/alert";
import { Checkbox, FormSection, SelectField, TextAreaField } from "@/components/owner-tools/fields";

const MODES: { value: SendersMode; label: string }[] = [
  { value: "off", label: "Off: any address may send" },
  { value: "flag", label: "Flag others: accept and mark them" },
  { value: "reject", label: "Reject others with 403" },
];

interface SendersSectionProps {
  binId: string;
  token: string;
  sources: SendersConfig;
  onSaved(sources: SendersConfig): void;
}

export function SendersSection({ sources, ...props }: SendersSectionProps) {
  return <SendersForm {...props} saved={sources} />;
}

/** "30 Nov 2026" for the date the shipped ranges were checked (a plain YYYY-MM-DD, read as UTC). */
function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "api.github.com/meta": where a list is published, without the scheme. */
function shortSource(url: string): string {
  return URL.canParse(url) ? `${new URL(url).host}${new URL(url).pathname}`.replace(/\/$/, "") : url;
}

function SendersForm({ binId, token, saved, onSaved }: Omit<SendersSectionProps, "sources"> & { saved: SendersConfig }) {
  const catalogue = useLoad("sender-presets", (signal) => listSenderPresets(signal));
  const [mode, setMode] = useState(saved.mode);
  const [allowText, setAllowText] = useState(saved.allow.join("\n"));
  const [presets, setPresets] = useState<SenderPresetId[]>(saved.presets);
  const [listError, setListError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  const togglePreset = (id: SenderPresetId, on: boolean) =>
    setPresets((current) => (on ? [...current.filter((p) => p !== id), id] : current.filter((p) => p !== id)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { ranges, problems } = parseAllowList(allowText);
    setListError(problems.length > 0 ? `${problems.slice(0, 3).join("; ")}${problems.length > 3 ? `; and ${problems.length - 3} more` : ""}.` : undefined);
    const problem =
      problems.length > 0
        ? "Fix the addresses and ranges marked above: each line is one IPv4 or IPv6 address, or a CIDR range such as 192.0.2.0/24."
        : mode !== "off" && ranges.length === 0 && presets.length === 0
          ? `Add an address, a range or a provider's published ranges first: with an empty list every sender would be ${mode === "reject" ? "refused" : "flagged"}.`
          : null;
    if (problem) {
      setMessage({ tone: "error", text: problem });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const next: SendersConfig = { mode, allow: ranges, presets };
      await updateBin(binId, token, { settings: { sources: next } });
      onSaved(next);
      setAllowText(ranges.join("\n"));
      setMessage({
        tone: "success",
        text:
          mode === "off"
            ? "Saved. The allow-list is off: every address may send."
            : `Saved. Requests from other addresses are now ${mode === "reject" ? "refused with 403" : "flagged"}.`,
      });
    } catch (error) {
      setMessage({ tone: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Senders">
      <FormSection
        title="Senders"
        description="Accept requests only from the addresses your provider sends from. Requests from elsewhere are still listed, marked."
      >
        <SelectField<SendersMode> label="Sender allow-list" className="max-w-md" value={mode} options={MODES} onValue={setMode} />
        <TextAreaField
          label="Allowed addresses and ranges, one per line"
          className="max-w-md"
          rows={5}
          value={allowText}
          onValue={(text) => {
            setAllowText(text);
            setListError(undefined);
          }}
          placeholder={"192.0.2.10\n198.51.100.0/24\n2001:db8::/32"}
          error={listError}
          hint="IPv4 or IPv6 addresses and CIDR ranges, at most 200. Testing with curl on the server's own machine? That comes from 127.0.0.1 (or ::1)."
        />
        <fieldset className="min-w-0 space-y-2.5">
          <legend className="mb-2 text-xs font-medium text-zinc-600 dark:text-zinc-300">Ranges providers publish</legend>
          {catalogue.state.status === "loading" && <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading the providers…</p>}
          {catalogue.state.status === "error" && (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">This server offers no published ranges: list the addresses above.</p>
          )}
          {catalogue.state.status === "ready" && (
            <>
              {catalogue.state.data.presets.map((preset) => (
                <Checkbox
                  key={preset.id}
                  label={preset.name}
                  checked={presets.includes(preset.id)}
                  onChecked={(on) => togglePreset(preset.id, on)}
                  hint={
                    <>
                      {preset.ranges.length} {preset.ranges.length === 1 ? "range" : "ranges"}, published at{" "}
                      <a
                        href={preset.source}
                        target="_blank"
                        rel="noreferrer"
                        className="font-mono break-all underline underline-offset-2 hover:text-zinc-800 dark:hover:text-zinc-200"
                      >
                        {shortSource(preset.source)}
                      </a>
                    </>
                  }
                />
              ))}
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                The lists shipped with this server, checked on {formatDay(catalogue.state.data.checked)}. Providers change them now and then.
              </p>
            </>
          )}
        </fieldset>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          The address checked is the connection&apos;s (the socket&apos;s), or the last <span className="font-mono">X-Forwarded-For</span> entry when the server
          runs with <span className="font-mono">TRUST_PROXY</span> behind a reverse proxy.
        </p>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : "Save senders"}
        </Button>
      </FormSection>
    </form>
  );
}
