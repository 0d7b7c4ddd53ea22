import type * as Y from "yjs";
import { MarkSchema, RosterSchema, VerificationSchema } from "@roster/schema";
import type { Mark, Roster, Verification } from "@roster/schema";
import { ChangeFeed } from "./change-feed";
import type { TransactionInfo } from "./change-feed";
import { InvalidReviewError } from "./errors";
import { reviewParts } from "./layout";

/** The review document's `meta` map: which roster of which commune it reviews. */
export interface ReviewMeta {
  readonly rosterId: Roster["id"];
  readonly name: Roster["name"];
  readonly commune: Roster["commune"];
  /** The commune's name ("Xã Chiềng Sinh"), for documents made on the device (the handover). */
  readonly communeName?: string;
}

/** What one transaction changed in the review document. */
export interface ReviewChanges {
  /** Child ids whose mark was set or removed. */
  readonly marks: Set<string>;
  /** Child ids whose verification was set or removed. */
  readonly verifications: Set<string>;
  /** Whether `meta` changed. */
  meta: boolean;
}

/**
 * Typed access to a roster's review document (DESIGN.md "Review document"). Only the
 * server writes it; clients read it (and its sync connection is read-only for them).
 * Values are plain JSON, validated by the schema on write and on read.
 */
export class RosterReview {
  private readonly metaMap: Y.Map<unknown>;
  private readonly markMap: Y.Map<unknown>;
  private readonly verificationMap: Y.Map<unknown>;
  private readonly feed: ChangeFeed<ReviewChanges>;
  private readonly stops: Array<() => void> = [];

  constructor(readonly doc: Y.Doc) {
    const parts = reviewParts(doc);
    this.metaMap = parts.meta;
    this.markMap = parts.marks;
    this.verificationMap = parts.verifications;
    this.feed = new ChangeFeed<ReviewChanges>(doc, () => ({ marks: new Set<string>(), verifications: new Set<string>(), meta: false }));
    this.watch(this.metaMap, (changes) => {
      changes.meta = true;
    });
    this.watch(this.markMap, (changes, keys) => keys.forEach((k) => changes.marks.add(k)));
    this.watch(this.verificationMap, (changes, keys) => keys.forEach((k) => changes.verifications.add(k)));
  }

  /** The roster this document reviews, or undefined while unset or invalid. */
  meta(): ReviewMeta | undefined {
    const roster = RosterSchema.safeParse({
      id: this.metaMap.get("rosterId"),
      name: this.metaMap.get("name"),
      commune: this.metaMap.get("commune"),
    });
    if (!roster.success) return undefined;
    const communeName = this.metaMap.get("communeName");
    return {
      rosterId: roster.data.id,
      name: roster.data.name,
      commune: roster.data.commune,
      ...(typeof communeName === "string" && communeName.length <= 200 ? { communeName } : {}),
    };
  }

  /** Sets the roster's meta. Throws `InvalidReviewError` when the schema refuses it. */
  setMeta(meta: ReviewMeta, origin?: unknown): void {
    const roster = RosterSchema.safeParse({ id: meta.rosterId, name: meta.name, commune: meta.commune });
    if (!roster.success) throw new InvalidReviewError("meta", meta);
    this.doc.transact(() => {
      const values = { rosterId: meta.rosterId, name: meta.name, commune: meta.commune, ...(meta.communeName ? { communeName: meta.communeName } : {}) };
      for (const [key, value] of Object.entries(values)) {
        if (this.metaMap.get(key) !== value) this.metaMap.set(key, value);
      }
    }, origin);
  }

  /** The server's mark of a child, or undefined. */
  mark(childId: string): Mark | undefined {
    const parsed = MarkSchema.safeParse(this.markMap.get(childId));
    return parsed.success ? parsed.data : undefined;
  }

  /** Every valid mark by child id. */
  marks(): Map<string, Mark> {
    const marks = new Map<string, Mark>();
    for (const [childId, raw] of this.markMap.entries()) {
      const parsed = MarkSchema.safeParse(raw);
      if (parsed.success) marks.set(childId, parsed.data);
    }
    return marks;
  }

  /**
   * Stores a child's mark. Returns false, writing nothing, when the stored mark already
   * has the same status, codes and fingerprint: re-evaluating after every edit must not
   * grow the document, so a stored `at` is the time the result last changed.
   * Throws `InvalidReviewError` when the schema refuses the mark.
   */
  setMark(childId: string, mark: Mark, origin?: unknown): boolean {
    const parsed = MarkSchema.safeParse(mark);
    if (!parsed.success) throw new InvalidReviewError("mark", mark);
    const next = parsed.data;
    const current = this.mark(childId);
    if (
      current !== undefined &&
      current.status === next.status &&
      current.fingerprint === next.fingerprint &&
      current.codes.length === next.codes.length &&
      current.codes.every((code, i) => code === next.codes[i])
    ) {
      return false;
    }
    this.doc.transact(() => this.markMap.set(childId, { ...next, codes: [...next.codes] }), origin);
    return true;
  }

  /** Deletes a child's mark; false when it had none. */
  removeMark(childId: string, origin?: unknown): boolean {
    if (!this.markMap.has(childId)) return false;
    this.doc.transact(() => this.markMap.delete(childId), origin);
    return true;
  }

  /** The police verification of a child, or undefined. */
  verification(childId: string): Verification | undefined {
    const parsed = VerificationSchema.safeParse(this.verificationMap.get(childId));
    return parsed.success ? parsed.data : undefined;
  }

  /** Every valid verification by child id. */
  verifications(): Map<string, Verification> {
    const stamps = new Map<string, Verification>();
    for (const [childId, raw] of this.verificationMap.entries()) {
      const parsed = VerificationSchema.safeParse(raw);
      if (parsed.success) stamps.set(childId, parsed.data);
    }
    return stamps;
  }

  /** Stores a verification stamp. Throws `InvalidReviewError` when the schema refuses it. */
  setVerification(childId: string, verification: Verification, origin?: unknown): void {
    const parsed = VerificationSchema.safeParse(verification);
    if (!parsed.success) throw new InvalidReviewError("verification", verification);
    this.doc.transact(() => this.verificationMap.set(childId, { ...parsed.data }), origin);
  }

  /** Revokes a child's verification; false when it had none. */
  removeVerification(childId: string, origin?: unknown): boolean {
    if (!this.verificationMap.has(childId)) return false;
    this.doc.transact(() => this.verificationMap.delete(childId), origin);
    return true;
  }

  /** Calls `listener` after every transaction that changed the review document. */
  onChange(listener: (changes: ReviewChanges & TransactionInfo) => void): () => void {
    return this.feed.subscribe(listener);
  }

  /** Removes this wrapper's observers from the document. */
  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.feed.destroy();
  }

  private watch(map: Y.Map<unknown>, record: (changes: ReviewChanges, keys: Set<string>) => void): void {
    const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) =>
      record(this.feed.touch(transaction), event.keysChanged);
    map.observe(observer);
    this.stops.push(() => map.unobserve(observer));
  }
}
