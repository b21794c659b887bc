// Which views suit a body: from the declared Content-Type first, then from the bytes themselves.
import { isActiveMarkupType, isFormType, isJsonType, isMultipartType, isXmlType, parseMediaType } from "./content-type";
import { parseJson, type JsonParseResult } from "./json";
import { sniffImage, type ImageType } from "./sniff";
import { decodeUtf8, type Utf8Result } from "./utf8";
import { looksLikeXml } from "./xml";

export type BodyViewKind = "tree" | "pretty" | "xml" | "fields" | "parts" | "image" | "text" | "hex";

export const VIEW_LABELS: Record<BodyViewKind, string> = {
  tree: "Tree",
  pretty: "Pretty",
  xml: "XML",
  fields: "Fields",
  parts: "Parts",
  image: "Image",
  text: "Text",
  hex: "Hex",
};

export interface BodyAnalysis {
  /** In menu order; the first is the one shown by default. */
  views: BodyViewKind[];
  essence: string;
  text: Utf8Result;
  /** Set for JSON-typed or JSON-looking complete bodies. */
  json: JsonParseResult | null;
  image: ImageType | null;
  /** Things worth telling the reader, e.g. a declared type the bytes contradict. */
  notes: string[];
}

/**
 * `complete` is false when `bytes` is only the first part of a larger body: structured views are
 * still offered (from what the prefix shows), but parsing waits for the whole body.
 */
export function analyzeBody(bytes: Uint8Array, contentType: string | null, complete: boolean): BodyAnalysis {
  const { essence } = parseMediaType(contentType);
  const text = decodeUtf8(bytes, { prefix: !complete });
  const notes: string[] = [];
  const image = sniffImage(bytes);
  const views: BodyViewKind[] = [];
  let json: JsonParseResult | null = null;

  const start = text.ok ? text.text.trimStart().slice(0, 1) : "";
  const jsonish = isJsonType(essence) || (text.ok && (start === "{" || start === "["));
  if (jsonish && text.ok) {
    json = complete ? parseJson(text.text) : null;
    // A body that merely starts with a brace but does not parse is just text.
    if (isJsonType(essence) || json === null || json.ok) views.push("tree", "pretty");
    if (json && !json.ok && !isJsonType(essence)) json = null;
  }
  if (isMultipartType(essence)) views.push("parts");
  else if (isFormType(essence)) views.push("fields");
  if (image) views.push("image");
  else if (essence.startsWith("image/") && !isActiveMarkupType(essence) && bytes.length > 0) {
    notes.push(`Declared as ${essence}, but the bytes are not a PNG, JPEG, GIF or WebP image.`);
  }
  if (text.ok && !isActiveMarkupType(essence) && !views.includes("tree") && (isXmlType(essence) || looksLikeXml(text.text))) {
    views.push("xml");
  }
  if (text.ok) views.push("text");
  else if (views.length === 0 && bytes.length > 0) notes.push(`Not valid UTF-8 (first invalid byte at offset ${text.offset}), so shown as a hex dump.`);
  views.push("hex");
  if (isActiveMarkupType(essence)) notes.push("Markup is shown as source text and never rendered.");
  return { views, essence, text, json, image, notes };
}
