"use client";
import Link from "next/link";
import { useId } from "react";
import type { BinInfo } from "@/lib/shared/api-types";
import { originOf } from "@/lib/client/owner-link";
import { usePreference } from "@/lib/client/preference";
import type { LiveStatus } from "@/lib/client/use-bin-socket";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { ChevronDownIcon, EyeIcon } from "@/components/ui/icons";
import { AccountClaim } from "./account-claim";
import { BinActions } from "./bin-actions";
import type { ShapeNavigation } from "@/components/shapes/shapes-button";
import { CurlSnippet } from "./curl-snippet";
import { LiveIndicator } from "./live-indicator";
import { OwnerLinkField } from "./owner-link-field";
import { ShareLinkField } from "./share-link-field";

interface BinHeaderProps {
  info: BinInfo;
  token: string;
  live: LiveStatus;
  canEdit: boolean;
  /** The bin holds requests: the card then folds to one line unless the user opened it. */
  hasRequests: boolean;
  onDeleteBin(): Promise<void>;
  onInfoChange(info: BinInfo): void;
  onShowKeys(): void;
  shapeNavigation: ShapeNavigation;
}

type CardChoice = "auto" | "open" | "closed";
const CARD_CHOICES: readonly CardChoice[] = ["auto", "open", "closed"];

/**
 * The bin's URLs and actions. Open, it shows every link (and an example once requests exist: the
 * empty state has its own); folded, one line with the capture URL leaves the height to the requests.
 */
export function BinHeader({ info, token, live, canEdit, hasRequests, onDeleteBin, onInfoChange, onShowKeys, shapeNavigation }: BinHeaderProps) {
  // One choice for every bin: someone who wants the links in view wants them everywhere.
  const [choice, setChoice] = usePreference<CardChoice>("hookscope:bin-card", CARD_CHOICES, "auto");
  const expanded = choice === "open" || (choice === "auto" && !hasRequests);
  const detailsId = useId();
  // The share link, the owner link and the account belong to whoever configures the bin, not to a team's members.
  const configures = info.role === "owner";

  return (
    <section
      aria-label="Bin"
      className="relative shrink-0 rounded-xl border border-zinc-200 bg-white px-3 py-2.5 shadow-xs sm:px-4 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex min-w-0 items-center gap-x-2 gap-y-2 sm:gap-x-3">
        <h1 className={expanded ? "min-w-0 text-base font-semibold tracking-tight break-all" : "sr-only"}>
          Bin <span className="font-mono">{info.id}</span>
        </h1>
        <LiveIndicator status={live} />
        {!canEdit && <ReadOnlyBadge />}
        {!expanded && (
          <div className="min-w-0 flex-1">
            <CopyField label="Capture URL" labelHidden value={info.captureUrl} copyLabel="Copy capture URL" />
          </div>
        )}
        <div className={`flex shrink-0 items-center gap-2 ${expanded ? "ml-auto" : ""}`}>
          <BinActions info={info} token={token} canEdit={canEdit} onDeleteBin={onDeleteBin} onShowKeys={onShowKeys} shapeNavigation={shapeNavigation} />
          <Button
            size="sm"
            variant="ghost"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={expanded ? "Hide bin details" : "Show bin details"}
            title={expanded ? "Fold the bin card to one line" : "Show the bin's links"}
            onClick={() => setChoice(expanded ? "closed" : "open")}
          >
            <ChevronDownIcon className={`size-4 transition-transform ${expanded ? "rotate-180" : ""}`} />
          </Button>
        </div>
      </div>
      {expanded && (
        <div id={detailsId} className="mt-3 flex flex-col gap-3 pb-1">
          <div className={`grid gap-3 ${configures ? "lg:grid-cols-3" : "lg:grid-cols-2"}`}>
            <CopyField
              label="Capture URL"
              value={info.captureUrl}
              copyLabel="Copy capture URL"
              hint={<span className="font-normal">any method, any sub-path</span>}
            />
            {configures && <ShareLinkField info={info} token={token} onRotated={onInfoChange} />}
            {configures && token && <OwnerLinkField binId={info.id} ownerToken={token} origin={originOf(info.captureUrl)} />}
          </div>
          {configures && <AccountClaim info={info} token={token} onClaimed={onInfoChange} />}
          {hasRequests && <CurlSnippet captureUrl={info.captureUrl} />}
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Automate it: wait for a request from a test, export, replay.{" "}
            <Link href="/docs" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
              API docs
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}

/** On phones the eye alone, like the live dot. */
function ReadOnlyBadge() {
  return (
    <span
      title="Read-only shared view"
      className="inline-flex shrink-0 items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
    >
      <EyeIcon className="size-3.5" />
      <span className="max-sm:sr-only">Read-only shared view</span>
    </span>
  );
}
