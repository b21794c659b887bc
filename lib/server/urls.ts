/** The public URLs of a bin, from the origin the caller reached us on (or PUBLIC_URL). */
export function binUrls(origin: string, binId: string, shareToken: string) {
  const base = origin.replace(/\/+$/, "");
  return {
    captureUrl: `${base}/h/${binId}`,
    inspectUrl: `${base}/bins/${binId}`,
    // In the fragment: browsers never send it, so the token stays out of server and proxy logs.
    shareUrl: `${base}/bins/${binId}#share=${encodeURIComponent(shareToken)}`,
  };
}
