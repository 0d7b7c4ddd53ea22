import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { Mark, Verification } from "@roster/schema";
import { InvalidReviewError } from "./errors";
import { createReviewDoc, REVIEW_LAYOUT } from "./layout";
import { RosterReview } from "./roster-review";

const FP = "a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef";
const FP2 = "0000c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef";
const needsFix: Mark = { status: "needs-fix", codes: ["pid.missing", "guardian.no_level2"], fingerprint: FP, at: "2026-06-08T08:00:00.000Z" };
const stamp: Verification = { by: "u-police", byName: "Trần Văn Bình", at: "2026-06-09T09:30:00.000Z", fingerprint: FP };

describe("RosterReview", () => {
  it("stores meta in the contract layout and reads it back", () => {
    const review = new RosterReview(createReviewDoc());
    expect(review.meta()).toBeUndefined();
    review.setMeta({ rosterId: "thon-dong", name: "Thôn Đông", commune: "25141" });
    expect(review.doc.getMap(REVIEW_LAYOUT.meta).toJSON()).toEqual({ rosterId: "thon-dong", name: "Thôn Đông", commune: "25141" });
    expect(review.meta()).toEqual({ rosterId: "thon-dong", name: "Thôn Đông", commune: "25141" });
    review.setMeta({ rosterId: "thon-dong", name: "Thôn Đông", commune: "25141", communeName: "Xã Chiềng Sinh" });
    expect(review.meta()?.communeName).toBe("Xã Chiềng Sinh");
    expect(() => review.setMeta({ rosterId: "Thôn Đông", name: "Thôn Đông", commune: "25141" })).toThrow(InvalidReviewError);
  });

  it("sets, reads, lists and removes marks as plain JSON", () => {
    const review = new RosterReview(createReviewDoc());
    expect(review.setMark("c1", needsFix)).toBe(true);
    expect(review.doc.getMap(REVIEW_LAYOUT.marks).get("c1")).toEqual(needsFix);
    expect(review.doc.getMap(REVIEW_LAYOUT.marks).get("c1")).not.toBeInstanceOf(Y.AbstractType);
    expect(review.mark("c1")).toEqual(needsFix);
    expect(review.marks()).toEqual(new Map([["c1", needsFix]]));
    expect(review.removeMark("c1")).toBe(true);
    expect(review.removeMark("c1")).toBe(false);
    expect(review.mark("c1")).toBeUndefined();
  });

  it("writes nothing when a re-evaluation gives the same status, codes and fingerprint", () => {
    const review = new RosterReview(createReviewDoc());
    review.setMark("c1", needsFix);
    const updates = vi.fn();
    review.doc.on("update", updates);
    expect(review.setMark("c1", { ...needsFix, at: "2026-06-08T08:05:00.000Z" })).toBe(false);
    expect(updates).not.toHaveBeenCalled();
    expect(review.setMark("c1", { ...needsFix, codes: ["pid.missing"] })).toBe(true);
    expect(review.setMark("c1", { ...needsFix, codes: ["pid.missing"], fingerprint: FP2 })).toBe(true);
    expect(review.setMark("c1", { status: "clean", codes: [], fingerprint: FP2, at: needsFix.at })).toBe(true);
    expect(updates).toHaveBeenCalledTimes(3);
  });

  it.each<[string, unknown]>([
    ["an unknown status", { ...needsFix, status: "ok" }],
    ["a short fingerprint", { ...needsFix, fingerprint: "abc" }],
    ["codes that are not strings", { ...needsFix, codes: [1] }],
  ])("refuses a mark with %s", (_what, mark) => {
    const review = new RosterReview(createReviewDoc());
    expect(() => review.setMark("c1", mark as Mark)).toThrow(InvalidReviewError);
    expect(review.marks().size).toBe(0);
  });

  it("sets, reads and revokes verifications", () => {
    const review = new RosterReview(createReviewDoc());
    review.setVerification("c1", stamp);
    expect(review.verification("c1")).toEqual(stamp);
    expect(review.verifications()).toEqual(new Map([["c1", stamp]]));
    expect(() => review.setVerification("c2", { ...stamp, fingerprint: "x" })).toThrow(InvalidReviewError);
    expect(review.removeVerification("c1")).toBe(true);
    expect(review.verification("c1")).toBeUndefined();
  });

  it("skips stored values its schema refuses (a document from an older server)", () => {
    const review = new RosterReview(createReviewDoc());
    review.doc.getMap(REVIEW_LAYOUT.marks).set("c1", { status: "dirty" });
    review.doc.getMap(REVIEW_LAYOUT.verifications).set("c1", "yes");
    expect(review.mark("c1")).toBeUndefined();
    expect(review.marks().size).toBe(0);
    expect(review.verification("c1")).toBeUndefined();
  });

  it("reports each transaction's changed child ids to listeners, on a replica too", () => {
    const server = new RosterReview(createReviewDoc());
    const client = new RosterReview(new Y.Doc());
    server.doc.on("update", (update: Uint8Array) => Y.applyUpdate(client.doc, update, "ws"));
    const seen: unknown[] = [];
    const off = client.onChange((c) =>
      seen.push({ marks: [...c.marks], verifications: [...c.verifications], meta: c.meta, origin: c.origin }),
    );
    server.setMeta({ rosterId: "ban-pa-khoang", name: "Bản Pá Khoang", commune: "03127" });
    server.doc.transact(() => {
      server.setMark("c1", needsFix);
      server.setMark("c2", { ...needsFix, status: "clean", codes: [] });
    });
    server.setVerification("c1", stamp);
    off();
    server.removeVerification("c1");
    expect(seen).toEqual([
      { marks: [], verifications: [], meta: true, origin: "ws" },
      { marks: ["c1", "c2"], verifications: [], meta: false, origin: "ws" },
      { marks: [], verifications: ["c1"], meta: false, origin: "ws" },
    ]);
    expect(client.mark("c2")?.status).toBe("clean");
    client.destroy();
  });
});
