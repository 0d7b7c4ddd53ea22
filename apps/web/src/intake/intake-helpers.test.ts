import { describe, expect, it } from "vitest";
import { IntakeSessionError } from "@roster/doc";
import { foldName } from "@roster/rules";
import type { Child, Guardian } from "@roster/schema";
import { translate } from "../i18n/translate";
import type { ChildRow } from "../roster/child-row";
import { parsePath, pathOf, type Route } from "../ui/route";
import { candidateRows, NO_CANDIDATE_FILTER, villagesOf } from "./candidates";
import { matchesNeed, remindersOf, tasksOf } from "./child-tasks";
import { organisesSessions, ticksAttendance } from "./intake-access";
import { intakeErrorText } from "./intake-errors";

const row = (child: Child): ChildRow => ({ child, folded: foldName(child.fullName ?? "") }) as ChildRow;
const mother: Guardian = { id: "g1", fullName: "Trần Thị Hoa", phone: "0912345678", vneid: "level2" };

const CHILDREN: Child[] = [
  { id: "c1", fullName: "Nguyễn Văn An", village: "Thôn Đông", school: "TH Kim Đồng", idCard: "none", vneid: "none" },
  { id: "c2", fullName: "Lò Thị Mai", village: "Bản Pá Khoang", school: "THCS Chiềng Sinh", idCard: "applied", vneid: "level1" },
  { id: "c3", fullName: "Hà Văn Dũng", village: "Thôn Đông", idCard: "issued", vneid: "level2" },
  { id: "c4", fullName: "Trần Thị Ánh", village: "Thôn Đông", removed: true },
  { id: "c5", fullName: "Đặng Minh Đức", village: "Thôn Đông" },
];

describe("what a child comes for", () => {
  it("lists the ID card and level-2 tasks still open", () => {
    expect(tasksOf(CHILDREN[0]!)).toEqual(["idCard", "level2"]);
    expect(tasksOf(CHILDREN[1]!)).toEqual(["level2"]);
    expect(tasksOf(CHILDREN[2]!)).toEqual([]);
    expect(matchesNeed(CHILDREN[2]!, "todo")).toBe(false);
    expect(matchesNeed(CHILDREN[1]!, "idCard")).toBe(false);
    expect(matchesNeed(CHILDREN[1]!, "level2")).toBe(true);
    expect(matchesNeed(CHILDREN[2]!, "all")).toBe(true);
  });

  it("reminds of a missing ID number, representative or level-2 account, and the BHYT card", () => {
    expect(remindersOf({ id: "c", pid: null, bhyt: "HS4010123456789" }, undefined)).toEqual(["noPid", "noRepresentative", "bhyt"]);
    expect(remindersOf({ id: "c", pid: "001215000123" }, { relation: "mother", guardian: { ...mother, vneid: "level1" } })).toEqual(["repNoLevel2"]);
    expect(remindersOf({ id: "c", pid: "001215000123" }, { relation: "mother", guardian: mother })).toEqual([]);
  });
});

describe("children offered for assignment", () => {
  const rows = CHILDREN.map(row);
  const none = () => false;

  it("offers children with something to do, not removed, in no live session", () => {
    expect(candidateRows(rows, none, NO_CANDIDATE_FILTER).map((r) => r.child.id)).toEqual(["c1", "c2", "c5"]);
    expect(candidateRows(rows, (id) => id === "c1", NO_CANDIDATE_FILTER).map((r) => r.child.id)).toEqual(["c2", "c5"]);
  });

  it("filters by need, village, school and a name typed without diacritics", () => {
    const ids = (patch: object) => candidateRows(rows, none, { ...NO_CANDIDATE_FILTER, ...patch }).map((r) => r.child.id);
    expect(ids({ need: "idCard" })).toEqual(["c1", "c5"]);
    expect(ids({ need: "all", village: "Thôn Đông" })).toEqual(["c1", "c3", "c5"]);
    expect(ids({ school: "THCS Chiềng Sinh" })).toEqual(["c2"]);
    expect(ids({ query: "duc" })).toEqual(["c5"]);
    expect(ids({ query: "  LÒ thị " })).toEqual(["c2"]);
  });

  it("names the villages of the records in Vietnamese order", () => {
    expect(villagesOf(rows)).toEqual(["Bản Pá Khoang", "Thôn Đông"]);
  });
});

describe("who does what", () => {
  it("lets police, social, school and admin organise; every editing role tick; viewers neither", () => {
    expect(["police", "social", "school", "admin"].every((r) => organisesSessions(r as never))).toBe(true);
    expect(organisesSessions("hamlet")).toBe(false);
    expect(ticksAttendance("hamlet")).toBe(true);
    expect(organisesSessions("viewer") || ticksAttendance("viewer")).toBe(false);
  });
});

describe("refusals in words", () => {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("vi", key, params);

  it.each([
    [new IntakeSessionError("full", "s1", { capacity: 40, assigned: 40 }), "Buổi đã đủ 40 trẻ: không xếp thêm được."],
    [new IntakeSessionError("capacity-below-assigned", "s1", { assigned: 12, capacity: 10 }), "Đã xếp 12 trẻ: số trẻ tối đa không thể nhỏ hơn 12."],
    [new IntakeSessionError("invalid", undefined, { issues: [{ field: "end", message: "end must be after start" }] }), "Giờ kết thúc phải sau giờ bắt đầu."],
    [new IntakeSessionError("invalid", undefined, { issues: [{ field: "place", message: "Too small" }, { field: "capacity", message: "x" }] }), "Kiểm tra lại: Địa điểm, Số trẻ tối đa"],
    [new IntakeSessionError("cancelled", "s1"), "Buổi đã hủy: không xếp thêm được."],
  ])("%s", (error, text) => {
    expect(intakeErrorText(error, t)).toBe(text);
  });
});

describe("intake routes", () => {
  it.each<Route>([
    { name: "intake", rosterId: "thon-dong" },
    { name: "intake", rosterId: "thon-dong", sessionId: "V1StGXR8_Z5jdHi6B-myT" },
  ])("round-trips %j through the address bar", (route) => {
    expect(parsePath(pathOf(route))).toEqual(route);
  });
});
