/** Domain errors: services throw these, lib/server/http.ts and server/capture.ts map them to HTTP once. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Unknown bin and wrong token answer alike, so bin ids cannot be probed. */
export class BinNotFoundError extends DomainError {
  constructor() {
    super("bin_not_found", "No bin with that id, or the token does not grant access to it.", 404);
  }
}

export class RequestNotFoundError extends DomainError {
  constructor() {
    super("request_not_found", "No request with that id in this bin.", 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "This action needs the bin's owner token; a share link can only read.") {
    super("forbidden", message, 403);
  }
}

export class SignInRequiredError extends DomainError {
  constructor(message = "Sign in first.") {
    super("sign_in_required", message, 401);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string) {
    super("invalid_request", message, 400);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limit: number) {
    super("payload_too_large", `The request body is larger than the limit of ${limit} bytes; nothing was stored.`, 413);
  }
}

export class StorageUnavailableError extends DomainError {
  constructor() {
    super("storage_unavailable", "The request could not be stored right now; nothing was kept. Try again.", 503);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

/** What went wrong, in words, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
