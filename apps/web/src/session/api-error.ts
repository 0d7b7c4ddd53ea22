import { ErrorBodySchema } from "@roster/schema";

/** An HTTP API call that did not succeed. `status` 0 means the server was not reached. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** True when the request never reached the server (offline, DNS, refused). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** The ApiError for a failed response, from its `{error: {code, message}}` body when it has one. */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(status, `http_${status}`, `HTTP ${status}`);
}
