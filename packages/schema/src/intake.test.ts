import { describe, expect, it } from "vitest";
import {
  AttendanceSchema,
  ClockTimeSchema,
  IntakeSessionPatchSchema,
  IntakeSessionSchema,
  NewIntakeSessionSchema,
  SessionDateSchema,
} from "./intake";

const MORNING = { date: "2026-06-08", start: "07:30", end: "11:30", placeKind: "police", place: "Trụ sở Công an xã", capacity: 40 } as const;

describe("intake session schemas", () => {
  it("accept the campaign's morning session and trim the place", () => {
    const parsed = NewIntakeSessionSchema.parse({ ...MORNING, place: "  Trụ sở Công an xã " });
    expect(parsed.place).toBe("Trụ sở Công an xã");
    expect(parsed.cancelled).toBeUndefined();
  });

  it("refuse an end that is not after the start", () => {
    const result = NewIntakeSessionSchema.safeParse({ ...MORNING, start: "13:30", end: "13:30" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["end"]);
  });

  it.each(["7:30", "24:00", "07:60", "0730", ""])("refuse the time %j", (time) => {
    expect(ClockTimeSchema.safeParse(time).success).toBe(false);
  });

  it.each(["2026-02-30", "2026-13-01", "08/06/2026", "2026-6-8"])("refuse the date %j", (date) => {
    expect(SessionDateSchema.safeParse(date).success).toBe(false);
  });

  it("refuse capacities below one, fractions and unknown places", () => {
    expect(NewIntakeSessionSchema.safeParse({ ...MORNING, capacity: 0 }).success).toBe(false);
    expect(NewIntakeSessionSchema.safeParse({ ...MORNING, capacity: 2.5 }).success).toBe(false);
    expect(NewIntakeSessionSchema.safeParse({ ...MORNING, placeKind: "market" }).success).toBe(false);
    expect(NewIntakeSessionSchema.safeParse({ ...MORNING, place: "   " }).success).toBe(false);
  });

  it("read a merged session whose range no one wrote (the writer checks the range)", () => {
    const merged = { ...MORNING, id: "s1", start: "11:00", end: "10:00", note: null, cancelled: false };
    expect(IntakeSessionSchema.safeParse(merged).success).toBe(true);
    expect(IntakeSessionPatchSchema.safeParse({ end: "10:00" }).success).toBe(true);
  });

  it("describe attendance with who ticked it", () => {
    expect(AttendanceSchema.safeParse({ came: true, by: "u1", byName: "Trần Văn Bình", at: "2026-06-08T01:00:00.000Z" }).success).toBe(true);
    expect(AttendanceSchema.safeParse({ came: "yes", by: "u1", byName: "", at: "" }).success).toBe(false);
  });
});
