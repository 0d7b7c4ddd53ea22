import { RosterError } from "../errors";

/** A file that arrived whole but cannot be imported: not a list we can read, or no name
 * column. 422, with the reason in Vietnamese first. */
export class UnprocessableFileError extends RosterError {
  readonly status = 422;
  readonly code: string;
  constructor(message: string, code = "unreadable_file") {
    super(message);
    this.code = code;
  }
}

/** A file over the read limits (rows, cells, inflated size) or one whose reading ran out of
 * memory or time: well formed perhaps, but more than the server takes on. 413. */
export class FileTooLargeError extends RosterError {
  readonly status = 413;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
