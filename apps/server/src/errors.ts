import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CloseCode, type CloseCodeValue } from "./sync/close-codes";

/**
 * Named errors of the server, each with its HTTP status and, where the sync endpoint can
 * meet the same condition, its WebSocket close code: the one map from error to both.
 * Route handlers and services throw these; `app.ts` answers `{error: {code, message}}`
 * with `status`, and `sync-endpoint.ts` refuses a socket with `closeCode`. Messages are
 * Vietnamese first, then English.
 */
export abstract class RosterError extends Error {
  abstract readonly status: ContentfulStatusCode;
  abstract readonly code: string;
  /** WebSocket close code for the same condition, where one exists. */
  readonly closeCode: CloseCodeValue | undefined = undefined;
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
  override readonly closeCode = CloseCode.Unauthorized;
  constructor(message = "Chưa đăng nhập hoặc phiên đã hết hạn / Not signed in or session expired") {
    super(message);
  }
}

export class ForbiddenError extends RosterError {
  readonly status = 403;
  readonly code: string;
  override readonly closeCode = CloseCode.Forbidden;
  constructor(message = "Bạn không có quyền làm việc này / You are not allowed to do this", code = "forbidden") {
    super(message);
    this.code = code;
  }
}

export class NotFoundError extends RosterError {
  readonly status = 404;
  readonly code = "not_found";
  override readonly closeCode = CloseCode.NotFound;
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
  override readonly closeCode = CloseCode.MessageTooLarge;
  constructor(message = "Dữ liệu gửi lên quá lớn / Payload too large") {
    super(message);
  }
}

export class RateLimitError extends RosterError {
  readonly status = 429;
  readonly code = "rate_limited";
  override readonly closeCode = CloseCode.RateLimited;
  constructor(message = "Quá nhiều yêu cầu, hãy thử lại sau / Too many requests, try again later") {
    super(message);
  }
}

/**
 * Scaled mode: another instance owns the roster and could not be reached (it is dying, or
 * its lease is moving). Nothing was done; the client tries again in a few seconds.
 */
export class OwnerUnavailableError extends RosterError {
  readonly status = 503;
  readonly code = "owner_unavailable";
  constructor(message = "Máy chủ giữ danh sách này đang chuyển giao, hãy thử lại sau vài giây / The server holding this roster is changing over, try again in a few seconds") {
    super(message);
  }
}
