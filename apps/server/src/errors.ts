import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Named errors of the server. Route handlers and services throw these; `app.ts` maps
 * them to HTTP statuses and `{error: {code, message}}` in one place, and the sync
 * upgrade maps them to WebSocket close codes. Messages are Vietnamese first, then English.
 */
export abstract class RosterError extends Error {
  abstract readonly status: ContentfulStatusCode;
  abstract readonly code: string;
  /** WebSocket close code for the same condition, where one exists. */
  readonly closeCode: number | undefined = undefined;
}

export class BadRequestError extends RosterError {
  readonly status = 400;
  readonly code: string;
  constructor(message: string, code = "bad_request") {
    super(message);
    this.code = code;
  }
}

export class AuthError extends RosterError {
  readonly status = 401;
  readonly code = "unauthorized";
  override readonly closeCode = 4401;
  constructor(message = "Chưa đăng nhập hoặc phiên đã hết hạn / Not signed in or session expired") {
    super(message);
  }
}

export class ForbiddenError extends RosterError {
  readonly status = 403;
  readonly code: string;
  override readonly closeCode = 4403;
  constructor(message = "Bạn không có quyền làm việc này / You are not allowed to do this", code = "forbidden") {
    super(message);
    this.code = code;
  }
}

export class NotFoundError extends RosterError {
  readonly status = 404;
  readonly code = "not_found";
  override readonly closeCode = 4404;
  constructor(message = "Không tìm thấy / Not found") {
    super(message);
  }
}

export class ConflictError extends RosterError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = "conflict") {
    super(message);
    this.code = code;
  }
}

export class PayloadTooLargeError extends RosterError {
  readonly status = 413;
  readonly code = "too_large";
  override readonly closeCode = 4413;
  constructor(message = "Dữ liệu gửi lên quá lớn / Payload too large") {
    super(message);
  }
}

export class RateLimitError extends RosterError {
  readonly status = 429;
  readonly code = "rate_limited";
  override readonly closeCode = 4429;
  constructor(message = "Quá nhiều yêu cầu, hãy thử lại sau / Too many requests, try again later") {
    super(message);
  }
}
