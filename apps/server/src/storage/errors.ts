/**
 * Named storage errors. Every `Store` implementation throws these (never a driver's own
 * error for these cases), so the HTTP and CLI layers can map them in one place without
 * knowing which database is behind the store.
 */

/** What a conflict or a missing reference is about. */
export type StoreEntity = "commune" | "roster" | "user" | "username";

/** A unique key is taken: a commune code, a roster id, a user id or a username. */
export class StoreConflictError extends Error {
  override readonly name = "StoreConflictError";
  constructor(
    readonly entity: StoreEntity,
    readonly key: string,
  ) {
    super(`${entity} "${key}" already exists`);
  }
}

/** A write refers to something that does not exist (e.g. a roster of an unknown commune). */
export class StoreNotFoundError extends Error {
  override readonly name = "StoreNotFoundError";
  constructor(
    readonly entity: StoreEntity,
    readonly key: string,
  ) {
    super(`${entity} "${key}" does not exist`);
  }
}

/** The store was closed (or is closing); no new work is accepted. */
export class StoreClosedError extends Error {
  override readonly name = "StoreClosedError";
  constructor() {
    super("the store is closed");
  }
}

/**
 * The database was written by a newer version of the server (its schema version is
 * higher than any migration this code knows). Migrations only go forward, so opening it
 * would risk damaging data; run the newer server instead.
 */
export class StoreVersionError extends Error {
  override readonly name = "StoreVersionError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the database has schema version ${found}, this server knows up to ${known}`);
  }
}

/**
 * Scaled mode: a write made under an ownership (lease epoch) that is not current any more:
 * another instance took the roster over. The writer must stop acting as its owner.
 */
export class StoreFencedError extends Error {
  override readonly name = "StoreFencedError";
  constructor(
    readonly lease: string,
    readonly epoch: number,
  ) {
    super(`the lease ${JSON.stringify(lease)} is no longer held at epoch ${epoch}: another instance owns it`);
  }
}
