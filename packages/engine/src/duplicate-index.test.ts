import { describe, expect, it } from "vitest";
import type { Child, Guardian } from "@roster/schema";
import { findDuplicates, type DuplicatePair } from "@roster/rules";
import { createRandom, generateRoster, type Random } from "@roster/synth";
import { DuplicateIndex } from "./duplicate-index";

function byChild(pairs: readonly DuplicatePair[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of pairs) {
    for (const id of [p.a, p.b]) map.set(id, [...(map.get(id) ?? []), `${p.code} ${p.a} ${p.b}`]);
  }
  for (const list of map.values()) list.sort();
  return map;
}

function indexed(index: DuplicateIndex, children: ReadonlyMap<string, Child>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const id of children.keys()) {
    const pairs = index.pairsOf(id).map((p) => `${p.code} ${p.a} ${p.b}`);
    if (pairs.length > 0) map.set(id, pairs.sort());
  }
  return map;
}

type Edit = (children: Map<string, Child>, guardians: Record<string, Guardian>) => string[];

/** Edits that make and break duplicates the way people do (copying numbers, retyping names). */
function randomEdit(rng: Random, ids: readonly string[], guardianIds: readonly string[]): Edit {
  const pick = () => ids[Math.floor(rng.next() * ids.length)] as string;
  const kind = Math.floor(rng.next() * 8);
  return (children, guardians) => {
    const x = pick();
    const y = pick();
    const cx = children.get(x) as Child;
    const cy = children.get(y) as Child;
    switch (kind) {
      case 0:
        children.set(x, { ...cx, pid: cy.pid ?? "001215000123" });
        return [x];
      case 1:
        children.set(x, { ...cx, fullName: cy.fullName ?? null, dob: cy.dob ?? null });
        return [x];
      case 2: {
        const dob = cy.dob ?? "2015-03-07";
        children.set(x, { ...cx, fullName: cy.fullName ?? null, dob: `${dob.slice(0, 5)}${dob.slice(8, 10)}-${dob.slice(5, 7)}` });
        return [x];
      }
      case 3:
        children.set(x, { ...cx, fullName: `${cy.fullName ?? ""}h`, dob: cy.dob ?? null });
        return [x];
      case 4:
        children.set(x, { ...cx, removed: cx.removed !== true });
        return [x];
      case 5:
        children.set(x, { ...cx, bhyt: cy.bhyt ?? null });
        return [x];
      case 6: {
        // A parent's ID number: decides whether two same-named children are different people.
        const gid = cx.motherId ?? guardianIds[0];
        if (!gid || !guardians[gid]) return [];
        guardians[gid] = { ...guardians[gid], pid: `0011${String(Math.floor(rng.next() * 1e8)).padStart(8, "0")}` };
        return [...children.values()].filter((c) => c.motherId === gid || c.fatherId === gid || c.guardianId === gid).map((c) => c.id);
      }
      default:
        // Everybody's placeholder number: a group past the rules' full-pairs limit.
        children.set(x, { ...cx, pid: "000000000000" });
        return [x];
    }
  };
}

describe("DuplicateIndex", () => {
  // A property check over hundreds of full evaluations: seconds on a busy machine, not a timing.
  it("keeps the same pairs as findDuplicates over the whole roster through a series of edits", { timeout: 60_000 }, () => {
    const roster = generateRoster({ seed: 7, children: 400 });
    const children = new Map(roster.children.map((c) => [c.id, c]));
    const guardians: Record<string, Guardian> = Object.fromEntries(roster.guardians.map((g) => [g.id, g]));
    const index = new DuplicateIndex();
    index.rebuild(children, guardians);
    expect(indexed(index, children)).toEqual(byChild(findDuplicates([...children.values()], guardians)));

    const rng = createRandom(11);
    const ids = [...children.keys()];
    let changedSeen = 0;
    for (let step = 0; step < 300; step += 1) {
      const before = indexed(index, children);
      const touched = randomEdit(rng, ids, Object.keys(guardians))(children, guardians);
      const changed = index.update(touched, children, guardians);
      const expected = byChild(findDuplicates([...children.values()], guardians));
      expect(indexed(index, children), `step ${step}`).toEqual(expected);
      // Every child whose pairs differ is reported, so its findings get re-evaluated.
      for (const id of ids) {
        if (JSON.stringify(before.get(id)) !== JSON.stringify(expected.get(id))) expect(changed.has(id), `step ${step} ${id}`).toBe(true);
      }
      changedSeen += changed.size;
    }
    expect(changedSeen).toBeGreaterThan(100);
  });

  it("pairs a new child with the record it repeats, and unpairs it when removed", () => {
    const a: Child = { id: "a", fullName: "Nguyễn Văn An", dob: "2015-03-07", pid: "001215000123" };
    const children = new Map<string, Child>([["a", a]]);
    const index = new DuplicateIndex();
    index.rebuild(children, {});
    children.set("b", { id: "b", fullName: "Nguyen Van An", dob: "2015-07-03" });
    expect([...index.update(["b"], children, {})].sort()).toEqual(["a", "b"]);
    expect(index.pairsOf("a")).toEqual([{ a: "a", b: "b", code: "duplicate.person" }]);
    children.set("b", { ...children.get("b")!, removed: true });
    expect([...index.update(["b"], children, {})].sort()).toEqual(["a", "b"]);
    expect(index.pairsOf("a")).toEqual([]);
  });
});
