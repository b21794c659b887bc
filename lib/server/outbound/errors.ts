import { errorMessage } from "@/lib/shared/errors";
export type OutboundErrorCode =
  "blocked_target" | "dns_failure" | "connection_refused" | "timeout" | "tls_error" | "connection_reset" | "invalid_url" | "too_many_redirects" | "other";

export interface OutboundError {
  code: OutboundErrorCode;
  /** Plain words for the user; never contains URL credentials. */
  message: string;
}

const TLS_CODE = /^(ERR_(TLS|SSL)_|EPROTO$)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH/;

/** Turns an error from connecting, sending or receiving into a user-facing OutboundError. */
export function describeConnectionError(error: unknown, where: string): OutboundError {
  const code = errorCode(error);
  const detail = code === "" ? "" : ` (${code})`;
  switch (code) {
    case "ECONNREFUSED":
      return { code: "connection_refused", message: `${where} refused the connection${detail}.` };
    case "ETIMEDOUT":
      return { code: "timeout", message: `Connecting to ${where} timed out${detail}.` };
    case "ECONNRESET":
    case "ECONNABORTED":
    case "EPIPE":
      return { code: "connection_reset", message: `${where} closed the connection before answering in full${detail}.` };
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return { code: "other", message: `${where} cannot be reached from this server${detail}.` };
  }
  if (TLS_CODE.test(code)) {
    return { code: "tls_error", message: `TLS with ${where} failed: ${tlsReason(error)}${detail}.` };
  }
  if (code.startsWith("HPE_")) {
    return { code: "other", message: `${where} answered with something that is not valid HTTP${detail}.` };
  }
  return { code: "other", message: `Sending to ${where} failed: ${firstLine(error)}${detail}.` };
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

// OpenSSL's own text ("...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:file:line:")
// carries one useful part: the reason.
const OPENSSL_MESSAGE = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/;

function tlsReason(error: unknown): string {
  const message = errorMessage(error);
  return OPENSSL_MESSAGE.exec(message)?.[1] ?? message;
}

/** The first line of the message, without its full stop: it goes inside a sentence of ours. */
function firstLine(error: unknown): string {
  return (errorMessage(error).split("\n")[0] ?? "").trim().replace(/\.$/, "");
}
