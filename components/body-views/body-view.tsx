"use client";
import type { BodyAnalysis, BodyViewKind } from "@/lib/shared/body/analyze";
import { Button } from "@/components/ui/button";
import { FormView } from "./form-view";
import { HexView } from "./hex-view";
import { ImageView } from "./image-view";
import { JsonErrorView } from "./json-error-view";
import { JsonPrettyView } from "./json-pretty-view";
import { JsonTreeView } from "./json-tree-view";
import { MultipartView } from "./multipart-view";
import { Note } from "./note";
import { TextView } from "./text-view";
import { XmlView } from "./xml-view";

interface BodyViewProps {
  view: BodyViewKind;
  analysis: BodyAnalysis;
  bytes: Uint8Array;
  contentType: string | null;
  /** Only the first part of the body is loaded. */
  partial: boolean;
  onLoadAll(): void;
}

/** Views that read the whole body; the rest work on whatever part is loaded. */
const WHOLE_BODY: ReadonlySet<BodyViewKind> = new Set(["tree", "pretty", "xml", "fields", "parts", "image"]);

export function BodyView({ view, analysis, bytes, contentType, partial, onLoadAll }: BodyViewProps) {
  if (partial && WHOLE_BODY.has(view)) {
    return (
      <Note tone="info">
        <span className="flex flex-wrap items-center gap-2">
          The {view} view needs the whole body.
          <Button size="sm" onClick={onLoadAll}>
            Load the whole body
          </Button>
        </span>
      </Note>
    );
  }
  const text = analysis.text.ok ? analysis.text.text : analysis.text.lossy;
  switch (view) {
    case "tree":
      if (analysis.json && !analysis.json.ok) return <JsonErrorView error={analysis.json.error} text={text} />;
      return analysis.json ? <JsonTreeView root={analysis.json.root} source={text} /> : null;
    case "pretty":
      if (analysis.json && !analysis.json.ok) return <JsonErrorView error={analysis.json.error} text={text} />;
      return <JsonPrettyView text={text} />;
    case "xml":
      return <XmlView text={text} />;
    case "fields":
      return <FormView text={text} />;
    case "parts":
      return <MultipartView bytes={bytes} contentType={contentType} />;
    case "image":
      return analysis.image ? <ImageView bytes={bytes} type={analysis.image} /> : null;
    case "text":
      return <TextView text={text} />;
    case "hex":
      return <HexView bytes={bytes} />;
  }
}
