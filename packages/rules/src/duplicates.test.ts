import type { Child, Guardian } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import {
  duplicateFindingsFor,
  duplicateKeysOf,
  duplicatePartners,
  findDuplicates,
  indexDuplicates,
  swapDayAndMonth,
  type DuplicatePair,
} from "./duplicates";
import { guardiansOf } from "./evaluate.fixtures";
import { MAX_FULL_GROUP } from "./pair-collector";

const kid = (id: string, fullName: string, dob: string, more: Partial<Child> = {}): Child => ({
  id,
  fullName,
  dob,
  ...more,
});
const mother = (id: string, pid: string): Guardian => ({ id, fullName: "Lý Thị Hằng", gender: "female", pid });

const MOTHERS = guardiansOf(mother("g-m1", "001190000001"), mother("g-m2", "001191000002"), mother("g-m3", ""));

// Each kind of duplicate, and look-alikes that are not duplicates.
const ROSTER: Child[] = [
  kid("d-01", "Nguyễn Văn An", "2015-03-14", { pid: "001215012345" }),
  kid("d-02", "NGUYEN VAN AN", "2015-03-14"), // the school's copy, typed without accents
  kid("d-03", "Trần Thị Bích Ngọc", "2014-05-07", { pid: "079314000111" }),
  kid("d-04", "Trần Thị Bích Ngọc", "2014-07-05"), // day and month swapped
  kid("d-05", "Lê Hoàng Nam", "2016-11-20"),
  kid("d-06", "Lê Hoàng Nam", "2016-11-21"), // another date of birth: not a duplicate
  kid("d-07", "Phạm Minh An", "2017-09-02", { motherId: "g-m3" }), // twins without pids yet
  kid("d-08", "Phạm Minh Anh", "2017-09-02", { motherId: "g-m3" }),
  kid("d-09", "Vũ Thị Lan", "2016-04-04", { pid: "001316000001" }), // twins with their own pids
  kid("d-10", "Vũ Thị Lam", "2016-04-04", { pid: "001316000002" }),
  kid("d-11", "Đỗ Quang Huy", "2013-01-15", { pid: "001213009999" }),
  kid("d-12", "Hoàng Đức Mạnh", "2013-06-30", { pid: "001 213 009 999" }), // the same pid, spaced
  kid("d-13", "Bùi Thu Trang", "2014-10-10", { bhyt: "HS4790123400001" }),
  kid("d-14", "Bùi Thị Thu Trang", "2014-10-01", { bhyt: "0123400001" }), // same insured person
  kid("d-15", "Ngô Văn Tú", "2015-06-06"),
  kid("d-16", "Ngô Văn Tuấn", "2015-06-06"), // two edits apart
  kid("d-17", "Nguyễn Văn An", "2015-03-14", { pid: "001215012345", removed: true }),
  kid("d-18", "Đặng Thùy Linh", "2016-02-29", { pid: "001316123456" }),
  kid("d-19", "Đặng Thuỳ Linh", "2016-02-29", { pid: "001316123456" }), // same pid and name: one pair
  kid("d-20", "Lý Gia Bảo", "2018-08-08", { motherId: "g-m1" }),
  kid("d-21", "Lý Gia Bảo", "2018-08-08", { motherId: "g-m2" }), // different mothers' pids
  kid("d-22", "", "", { pid: "0", bhyt: "" }), // placeholders are not identities
  kid("d-23", "", "", { pid: "0", bhyt: "" }),
];

describe("findDuplicates on a hand-made roster", () => {
  it("finds each kind of duplicate once, sorted, and nothing else", () => {
    expect(findDuplicates(ROSTER, MOTHERS)).toEqual<DuplicatePair[]>([
      { a: "d-01", b: "d-02", code: "duplicate.person" },
      { a: "d-03", b: "d-04", code: "duplicate.person" },
      { a: "d-07", b: "d-08", code: "duplicate.person" },
      { a: "d-11", b: "d-12", code: "duplicate.pid" },
      { a: "d-13", b: "d-14", code: "duplicate.bhyt" },
      { a: "d-18", b: "d-19", code: "duplicate.pid" },
    ]);
  });

  it("without guardians, cannot tell apart two children of different mothers", () => {
    expect(findDuplicates(ROSTER)).toContainEqual({ a: "d-20", b: "d-21", code: "duplicate.person" });
  });

  it("reports several codes for one pair when pid and BHYT both match", () => {
    const pair = [
      kid("p-2", "Mai Anh Thư", "2014-01-01", { pid: "001314000444", bhyt: "0123400444" }),
      kid("p-1", "Mai Anh Thư", "2014-01-01", { pid: "001314000444", bhyt: "HS4010123400444" }),
    ];
    expect(findDuplicates(pair)).toEqual([
      { a: "p-1", b: "p-2", code: "duplicate.bhyt" },
      { a: "p-1", b: "p-2", code: "duplicate.pid" },
    ]);
  });

  it("pairs every member of a small group and stars a large one around its first id", () => {
    const group = (n: number) =>
      Array.from({ length: n }, (_, i) => kid(`z-${String(i).padStart(3, "0")}`, "", "2015-01-01", { pid: "000000000000" }));
    expect(findDuplicates(group(MAX_FULL_GROUP))).toHaveLength((MAX_FULL_GROUP * (MAX_FULL_GROUP - 1)) / 2);
    const star = findDuplicates(group(300));
    expect(star).toHaveLength(299);
    expect(new Set(star.map((p) => p.a))).toEqual(new Set(["z-000"]));
  });
});

describe("findDuplicates with ID numbers a typing slip apart", () => {
  it("keeps duplicate.person for the same name and birthday when the numbers differ by one or two digits", () => {
    const typo = [
      kid("t-1", "Hoàng Gia Khánh", "2016-06-09", { pid: "001216004321" }),
      kid("t-2", "Hoàng Gia Khánh", "2016-06-09", { pid: "001216004312" }),
    ];
    expect(findDuplicates(typo)).toEqual([{ a: "t-1", b: "t-2", code: "duplicate.person" }]);
  });

  it("still tells apart numbers three digits apart, and twins of one-edit names", () => {
    expect(findDuplicates([
      kid("t-1", "Hoàng Gia Khánh", "2016-06-09", { pid: "001216004321" }),
      kid("t-2", "Hoàng Gia Khánh", "2016-06-09", { pid: "001216009991" }),
    ])).toEqual([]);
    expect(findDuplicates([
      kid("t-3", "Vũ Thị Lan", "2016-04-04", { pid: "001316000001" }),
      kid("t-4", "Vũ Thị Lam", "2016-04-04", { pid: "001316000002" }),
    ])).toEqual([]);
  });
});

describe("duplicateKeysOf", () => {
  it("gives the keys findDuplicates groups by, and none for a removed child", () => {
    expect(duplicateKeysOf(kid("a", "An", " 2015-03-07 ", { pid: "001 215.000-123", bhyt: "GD4797915204618" }))).toEqual({
      pid: "001215000123",
      bhyt: "7915204618",
      dob: "2015-03-07",
      swappedDob: "2015-07-03",
    });
    expect(duplicateKeysOf(kid("a", "An", "2015-03-20", { pid: "0" }))).toEqual({ dob: "2015-03-20" });
    expect(duplicateKeysOf(kid("a", "An", "2015-03-07", { pid: "001215000123", removed: true }))).toEqual({});
  });

  it("children who share no key are never paired", () => {
    const children = [
      kid("a", "Nguyễn Văn An", "2015-03-07", { pid: "001215000123" }),
      kid("b", "Nguyen Van An", "2015-07-03"),
      kid("c", "Nguyễn Văn Anh", "2015-03-07"),
      kid("d", "Lò Thị Mai", "2016-01-01", { pid: "001215000123" }),
      kid("e", "Hà Văn Tú", "2014-02-02", { bhyt: "GD4797915204618" }),
      kid("f", "Hà Văn Tủ", "2013-02-02", { bhyt: "HS4797915204618" }),
    ];
    const pairs = findDuplicates(children);
    expect(pairs.length).toBeGreaterThan(3);
    const keys = new Map(children.map((c) => [c.id, duplicateKeysOf(c)]));
    for (const { a, b } of pairs) {
      const x = keys.get(a)!;
      const y = keys.get(b)!;
      const shared =
        (x.pid !== undefined && x.pid === y.pid) ||
        (x.bhyt !== undefined && x.bhyt === y.bhyt) ||
        (x.dob !== undefined && (x.dob === y.dob || x.dob === y.swappedDob));
      expect(shared, `${a} ${b}`).toBe(true);
    }
  });
});

describe("swapDayAndMonth", () => {
  it.each([
    ["2014-05-07", "2014-07-05"],
    ["2015-12-01", "2015-01-12"],
    ["2015-03-14", null], // no 14th month
    ["2016-06-06", null], // the swap changes nothing
    ["2015-02-30", null],
    ["", null],
  ])("%j → %j", (dob, swapped) => {
    expect(swapDayAndMonth(dob)).toBe(swapped);
  });
});

describe("findings and partners of one child", () => {
  const pairs: DuplicatePair[] = [
    { a: "c-1", b: "c-2", code: "duplicate.pid" },
    { a: "c-1", b: "c-3", code: "duplicate.pid" },
    { a: "c-0", b: "c-1", code: "duplicate.person" },
    { a: "c-2", b: "c-3", code: "duplicate.bhyt" },
  ];

  it("gives one finding per code, on the field it concerns", () => {
    expect(duplicateFindingsFor("c-1", pairs).map((f) => [f.field, f.code, f.severity])).toEqual([
      ["pid", "duplicate.pid", "error"],
      ["fullName", "duplicate.person", "warning"],
    ]);
    expect(duplicateFindingsFor("c-9", pairs)).toEqual([]);
  });

  it("indexes pairs under both children", () => {
    const index = indexDuplicates(pairs);
    expect(index.get("c-3")).toEqual([pairs[1], pairs[3]]);
    expect(index.get("c-9")).toBeUndefined();
  });

  it("lists the other children", () => {
    expect(duplicatePartners("c-1", pairs)).toEqual([
      { id: "c-2", code: "duplicate.pid" },
      { id: "c-3", code: "duplicate.pid" },
      { id: "c-0", code: "duplicate.person" },
    ]);
  });
});

describe("findDuplicates on 30,000 children", () => {
  const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
  const MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Gia", "Đức", "Thu", "Quang", "Hoài", "Bảo"];
  const GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hiếu", "Hòa", "Hưng", "Khang", "Khoa", "Lan",
    "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tùng", "Uyên",
    "Việt", "Xuân", "Yến"];

  // Deterministic: each child gets its own 12-digit pid and BHYT number, and no two share
  // a name and a date of birth (3,001 days and 4,200 names repeat together only after
  // 12.6 million children).
  function generate(n: number): Child[] {
    return Array.from({ length: n }, (_, i) => {
      const dob = addDays("2012-01-01", (i * 7919) % 3001);
      const gender = i % 2 === 0 ? "male" : "female";
      const serial = String(i).padStart(6, "0");
      return {
        id: `g-${String(i).padStart(5, "0")}`,
        fullName: `${FAMILY[i % 14]} ${MIDDLE[Math.floor(i / 14) % 10]} ${GIVEN[Math.floor(i / 140) % 30]}`,
        dob,
        gender,
        pid: `079${gender === "male" ? 2 : 3}${dob.slice(2, 4)}${serial}`,
        bhyt: `HS479${dob.slice(2, 4)}99${serial}`,
      };
    });
  }

  it("runs on a large roster and finds exactly the planted pairs", () => {
    const children = generate(30_000);
    const planted: DuplicatePair[] = [];
    const plant = (original: Child, copy: Partial<Child>, code: DuplicatePair["code"]) => {
      const id = `p-${planted.length}`;
      children.push({ ...original, pid: null, bhyt: null, ...copy, id });
      planted.push({ a: original.id, b: id, code });
    };
    for (let k = 0; k < 10; k++) {
      plant(children[k * 997]!, { pid: children[k * 997]!.pid, fullName: "Khác Tên Hẳn" }, "duplicate.pid");
      plant(children[k * 991 + 1]!, { bhyt: children[k * 991 + 1]!.bhyt!.slice(5), dob: "2011-11-11" }, "duplicate.bhyt");
    }
    const swappable = children.filter((c) => swapDayAndMonth(c.dob!) !== null).slice(0, 10);
    for (const c of swappable) plant(c, { dob: swapDayAndMonth(c.dob!) }, "duplicate.person");
    for (let k = 0; k < 10; k++) {
      const original = children[k * 1009 + 2]!;
      plant(original, { fullName: `${original.fullName}h` }, "duplicate.person"); // "An" → "Anh"
    }

    const found = findDuplicates(children);
    expect(found).toHaveLength(planted.length);
    expect(new Set(found.map((p) => `${p.a} ${p.b} ${p.code}`))).toEqual(
      new Set(planted.map((p) => `${p.a} ${p.b} ${p.code}`)),
    );
  });
});
