// XML pretty-printing by tokens, not through DOMParser: no entity expansion, no external
// resources, and text is kept as written (only whitespace between tags is re-indented).
import { lineColumn } from "./json";

export type XmlTokenKind = "tag" | "text" | "comment" | "cdata" | "pi" | "doctype";
export interface XmlLine {
  depth: number;
  kind: XmlTokenKind;
  text: string;
}

export interface XmlProblem {
  message: string;
  line: number;
  column: number;
}

export interface XmlPretty {
  lines: XmlLine[];
  /** The first well-formedness problem found; the lines are still a best effort. */
  problem: XmlProblem | null;
}

interface Token {
  kind: XmlTokenKind;
  text: string;
  start: number;
  /** For tags: the element name, and whether it opens, closes or is self-closing. */
  name?: string;
  role?: "open" | "close" | "empty";
}

function tokenize(xml: string): { tokens: Token[]; problem: { message: string; offset: number } | null } {
  const tokens: Token[] = [];
  let i = 0;
  const until = (marker: string, from: number) => {
    const end = xml.indexOf(marker, from);
    return end === -1 ? -1 : end + marker.length;
  };
  while (i < xml.length) {
    if (xml[i] !== "<") {
      const end = xml.indexOf("<", i);
      const stop = end === -1 ? xml.length : end;
      tokens.push({ kind: "text", text: xml.slice(i, stop), start: i });
      i = stop;
      continue;
    }
    const kinds: [string, string, XmlTokenKind][] = [
      ["<!--", "-->", "comment"],
      ["<![CDATA[", "]]>", "cdata"],
      ["<?", "?>", "pi"],
    ];
    const special = kinds.find(([open]) => xml.startsWith(open, i));
    if (special) {
      const end = until(special[1], i + special[0].length);
      if (end === -1) return { tokens, problem: { message: `Unterminated ${special[2] === "pi" ? "processing instruction" : special[2]}`, offset: i } };
      tokens.push({ kind: special[2], text: xml.slice(i, end), start: i });
      i = end;
      continue;
    }
    if (xml.startsWith("<!", i)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let j = i + 2;
      let bracket = 0;
      while (j < xml.length && !(xml[j] === ">" && bracket === 0)) {
        if (xml[j] === "[") bracket++;
        else if (xml[j] === "]") bracket--;
        j++;
      }
      if (j >= xml.length) return { tokens, problem: { message: "Unterminated <!DOCTYPE declaration", offset: i } };
      tokens.push({ kind: "doctype", text: xml.slice(i, j + 1), start: i });
      i = j + 1;
      continue;
    }
    // An element tag: skip quoted attribute values, which may contain '>'.
    let j = i + 1;
    let quote: string | null = null;
    while (j < xml.length) {
      const ch = xml[j];
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === ">") break;
      else if (ch === "<") return { tokens, problem: { message: "Unexpected '<' inside a tag", offset: j } };
      j++;
    }
    if (j >= xml.length) return { tokens, problem: { message: "Unterminated tag", offset: i } };
    const text = xml.slice(i, j + 1);
    const close = text.startsWith("</");
    const empty = !close && text.endsWith("/>");
    const name = /^<\/?\s*([^\s/>]+)/.exec(text)?.[1];
    if (!name) return { tokens, problem: { message: "A tag without a name", offset: i } };
    tokens.push({ kind: "tag", text, start: i, name, role: close ? "close" : empty ? "empty" : "open" });
    i = j + 1;
  }
  return { tokens, problem: null };
}

export function prettyXml(xml: string): XmlPretty {
  const { tokens, problem: syntax } = tokenize(xml);
  let problem: { message: string; offset: number } | null = syntax;
  const lines: XmlLine[] = [];
  const stack: { name: string; start: number }[] = [];
  const noteProblem = (message: string, offset: number) => {
    // Tokenizing problems are found before structural ones but sit later in the text: keep the first by position.
    if (!problem || offset < problem.offset) problem = { message, offset };
  };

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    if (token.kind === "text") {
      const trimmed = token.text.trim();
      if (trimmed) lines.push({ depth: stack.length, kind: "text", text: trimmed });
      continue;
    }
    if (token.kind !== "tag") {
      lines.push({ depth: stack.length, kind: token.kind, text: token.text });
      continue;
    }
    if (token.role === "open") {
      // <a>short text</a> stays on one line.
      const text = tokens[t + 1];
      const close = tokens[t + 2];
      if (text?.kind === "text" && close?.kind === "tag" && close.role === "close" && close.name === token.name && !text.text.includes("\n")) {
        lines.push({ depth: stack.length, kind: "tag", text: token.text + text.text + close.text });
        t += 2;
        continue;
      }
      const next = tokens[t + 1];
      if (next?.kind === "tag" && next.role === "close" && next.name === token.name) {
        lines.push({ depth: stack.length, kind: "tag", text: token.text + next.text });
        t += 1;
        continue;
      }
      lines.push({ depth: stack.length, kind: "tag", text: token.text });
      stack.push({ name: token.name as string, start: token.start });
    } else if (token.role === "close") {
      const open = stack.at(-1);
      if (!open) noteProblem(`Closing tag </${token.name}> has no matching opening tag`, token.start);
      else if (open.name !== token.name) noteProblem(`Closing tag </${token.name}> does not match <${open.name}>`, token.start);
      if (open) stack.pop();
      lines.push({ depth: stack.length, kind: "tag", text: token.text });
    } else {
      lines.push({ depth: stack.length, kind: "tag", text: token.text });
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed && !syntax) noteProblem(`<${unclosed.name}> is never closed`, unclosed.start);
  const found = problem as { message: string; offset: number } | null;
  return { lines, problem: found ? { message: found.message, ...lineColumn(xml, found.offset) } : null };
}

export function xmlLinesToText(lines: readonly XmlLine[], indent = "  "): string {
  return lines.map((line) => indent.repeat(line.depth) + line.text).join("\n");
}

/** A cheap check before offering the XML view for a body without an XML content type. */
export function looksLikeXml(text: string): boolean {
  return /^\s*<(\?xml|[A-Za-z_][\w.:-]*[\s>/])/.test(text);
}
