export type ParsedTarget = { ok: true; url: URL } | { ok: false; message: string };

/** Parses a target, which must be an absolute http: or https: URL. Messages never repeat credentials. */
export function parseTargetUrl(raw: string): ParsedTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `"${raw.replace(/\/\/[^/?#]*@/, "//")}" is not a valid absolute URL.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, message: `Only http: and https: targets are supported, not ${url.protocol}` };
  }
  return { ok: true, url };
}

export function targetPort(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** The URL without its userinfo, for anything shown or stored. */
export function redactUrl(url: URL | string): string {
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

// The URL parser treats %2e as a dot too, so both spellings must go.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Appends a captured subpath and raw query to a target base URL:
 * (`http://localhost:3000/webhooks`, `/stripe`, `a=1`) → `http://localhost:3000/webhooks/stripe?a=1`.
 * A base query is kept and the captured one appended after `&`. An empty subpath leaves the base
 * path as it is; a subpath of `/` adds a trailing slash. Throws TypeError for an invalid base.
 */
export function joinTargetUrl(base: string, subpath: string, query: string): string {
  const url = new URL(base);
  url.hash = "";
  if (subpath !== "") {
    // Whoever sends to the capture URL chooses the subpath, so it must not climb out of the base
    // path (`/../admin`), and `\`, `?`, `#` stay literal characters of the path.
    const cleaned = subpath
      .replace(/[\\?#]/g, (char) => encodeURIComponent(char))
      .split("/")
      .filter((segment) => !DOT_SEGMENT.test(segment))
      .join("/")
      .replace(/^\/+/, "");
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/${cleaned}`;
  }
  const captured = query.replace(/^\?/, "").replace(/#/g, "%23");
  if (captured !== "") {
    const existing = url.search.replace(/^\?/, "");
    url.search = existing === "" ? captured : `${existing}&${captured}`;
  }
  return url.href;
}
