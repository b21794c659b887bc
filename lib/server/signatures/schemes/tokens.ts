import { safeEqual, sha256, utf8 } from "../crypto";
import type { RequestView } from "../request";
import type { Outcome, ResignInput, ResignOutcome, SchemeContext, SchemeModule } from "../scheme";
import { duplicateHint, missingHeader } from "./body-hmac";

/** Compares digests so that not even the token's length shows in the timing. */
function sameToken(a: string, b: string): boolean {
  return safeEqual(sha256(utf8(a)), sha256(utf8(b)));
}

/**
 * Providers that send the shared secret itself in a header. The token is the secret, so it is never
 * echoed into a verdict, only described.
 */
function tokenCheck(name: string, header: string) {
  return (req: RequestView, ctx: SchemeContext): Outcome => {
    const token = req.header(header);
    if (token === undefined) return missingHeader(header);
    const match = sameToken(token, ctx.secret.secret);
    const trimmedMatch = !match && sameToken(token.trim(), ctx.secret.secret.trim());
    return {
      kind: "checked",
      match,
      header,
      signed: new Uint8Array(),
      received: `a ${token.length}-character token`,
      method: `${name} sends the shared token itself; compared in constant time`,
      note: "A token proves only that the sender knows it: the body is not signed, so it could have been changed.",
      ...(match
        ? {}
        : {
            hints: [...duplicateHint(req, header), ...(trimmedMatch ? ["The token matches apart from surrounding whitespace."] : [])],
          }),
    };
  };
}

/** Re-signing a token scheme is sending the token: there is nothing else to compute. */
function tokenResign(header: string) {
  return ({ secret }: ResignInput): ResignOutcome => ({ kind: "signed", set: [[header, secret.secret]] });
}

export const gitlab: SchemeModule = {
  id: "gitlab",
  name: "GitLab",
  secret: { label: "Secret token", example: "the Secret token of the GitLab webhook", kind: "token" },
  headers: ["X-Gitlab-Token", "X-Gitlab-Event"],
  signatureHeaders: ["X-Gitlab-Token"],
  present: (req) => req.has("X-Gitlab-Token"),
  check: tokenCheck("GitLab", "X-Gitlab-Token"),
  resign: tokenResign("X-Gitlab-Token"),
};

export const telegram: SchemeModule = {
  id: "telegram",
  name: "Telegram Bot API",
  secret: { label: "secret_token given to setWebhook", example: "1–256 characters of A–Z a–z 0–9 _ -", kind: "token" },
  headers: ["X-Telegram-Bot-Api-Secret-Token"],
  signatureHeaders: ["X-Telegram-Bot-Api-Secret-Token"],
  present: (req) => req.has("X-Telegram-Bot-Api-Secret-Token"),
  check: tokenCheck("Telegram", "X-Telegram-Bot-Api-Secret-Token"),
  resign: tokenResign("X-Telegram-Bot-Api-Secret-Token"),
  validateSecret: (secret) =>
    /^[A-Za-z0-9_-]{1,256}$/.test(secret) ? undefined : "A Telegram secret_token is 1 to 256 characters, only A–Z, a–z, 0–9, _ and -.",
};
