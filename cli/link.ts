import { CliError } from "./errors";

export interface BinLink {
  /** Where the API and socket.io live, e.g. `https://hooks.example.com`. */
  origin: string;
  binId: string;
  /** From the link's fragment, if it carried one. */
  token: string | null;
  /** Which token the fragment held: a share token is read-only and cannot forward. */
  tokenKind: "owner" | "share" | null;
}

const EXPECTED = "expected <origin>/bins/<binId>#owner=<token> (the owner link) or <origin>/bins/<binId>";
const BIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads an owner link (`/bins/<id>#owner=<token>`), an inspect or share link (`/bins/<id>`,
 * `#share=`), or a capture URL (`/h/<id>/...`): all of them name the bin, only some carry a token.
 */
export function parseBinLink(raw: string): BinLink {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a Hookscope link: ${EXPECTED}.`, true);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`"${raw}" is not a Hookscope link (${url.protocol} is not http: or https:): ${EXPECTED}.`, true);
  }
  const [kind, binId] = url.pathname.split("/").filter((segment) => segment !== "");
  if ((kind !== "bins" && kind !== "h") || binId === undefined || !BIN_ID.test(binId)) {
    throw new CliError(`"${redact(url)}" is not a Hookscope link: ${EXPECTED}.`, true);
  }
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ""));
  const owner = fragment.get("owner");
  const share = fragment.get("share");
  const token = owner || share || null;
  return { origin: url.origin, binId, token, tokenKind: owner ? "owner" : share ? "share" : null };
}

/** The link without its fragment: safe to print, since the token lives there. */
function redact(url: URL): string {
  const copy = new URL(url);
  copy.hash = "";
  return copy.href;
}
