import type { RecordKind } from "@roster/schema";

/** A write named a field the record kind does not have, or a value its schema refuses. */
export class InvalidFieldError extends Error {
  override readonly name = "InvalidFieldError";
  constructor(
    readonly kind: RecordKind,
    readonly field: string,
    readonly value: unknown,
    readonly reason: "unknown-field" | "invalid-value",
  ) {
    super(
      reason === "unknown-field"
        ? `${kind} has no field "${field}"`
        : `invalid value for ${kind}.${field}: ${JSON.stringify(value) ?? String(value)}`,
    );
  }
}

/** A write or conflict resolution named a record the document does not hold. */
export class RecordNotFoundError extends Error {
  override readonly name = "RecordNotFoundError";
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {
    super(`no ${kind} with id "${id}"`);
  }
}

/** The server tried to store a mark, verification or meta that its schema refuses. */
export class InvalidReviewError extends Error {
  override readonly name = "InvalidReviewError";
  constructor(
    readonly what: "meta" | "mark" | "verification",
    readonly value: unknown,
  ) {
    super(`invalid ${what}: ${JSON.stringify(value) ?? String(value)}`);
  }
}
