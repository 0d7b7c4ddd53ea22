// Shared test data: one clean record that every test breaks in exactly one way.
import type { Child, Guardian } from "@roster/schema";
import type { EvaluationContext } from "./evaluate";

/** First day of the 2026 intake sessions (DOMAIN.md). */
export const AS_OF = "2026-06-08";

/** A mother born 1988 in Hà Nội: pid 001 (Hà Nội) 1 (woman, 1900s) 88. Level-2 VNeID. */
export function aMother(overrides: Partial<Guardian> = {}): Guardian {
  return {
    id: "g-tran-thi-mai",
    fullName: "Trần Thị Mai",
    dob: "1988-07-02",
    gender: "female",
    pid: "001188004567",
    phone: "0912345678",
    vneid: "level2",
    address: "Số 12 ngõ 34 phố Hoàng Hoa Thám, phường Ngọc Hà, Hà Nội",
    ...overrides,
  };
}

/** A father born 1985 in Hà Nội: pid 001 0 (man, 1900s) 85. Only level-1 VNeID. */
export function aFather(overrides: Partial<Guardian> = {}): Guardian {
  return {
    id: "g-nguyen-van-hung",
    fullName: "Nguyễn Văn Hùng",
    dob: "1985-11-20",
    gender: "male",
    pid: "001085001234",
    phone: "0987654321",
    vneid: "level1",
    address: "Số 12 ngõ 34 phố Hoàng Hoa Thám, phường Ngọc Hà, Hà Nội",
    ...overrides,
  };
}

/**
 * A boy born 2015-03-14 in Hà Nội (pid 001 2 15 …: Hà Nội, boy born in the 2000s, 2015),
 * Kinh, birth registered 6 days later and permanent residence 21 days after that; his
 * mother is linked and is his representative. Clean as of `AS_OF`.
 */
export function aChild(overrides: Partial<Child> = {}): Child {
  return {
    id: "c-nguyen-van-an",
    fullName: "Nguyễn Văn An",
    dob: "2015-03-14",
    gender: "male",
    ethnicity: "01",
    pid: "001215012345",
    birthRegisteredOn: "2015-03-20",
    residenceType: "permanent",
    residenceRegisteredOn: "2015-04-10",
    address: "Số 12 ngõ 34 phố Hoàng Hoa Thám, phường Ngọc Hà, Hà Nội",
    village: "Tổ dân phố số 5",
    school: "Trường Tiểu học Ngọc Hà",
    grade: "5A",
    bhyt: "HS4010123456789",
    motherId: "g-tran-thi-mai",
    representative: "mother",
    idCard: "none",
    vneid: "none",
    healthBook: false,
    ...overrides,
  };
}

/** A boy's date of birth together with the pid that agrees with it (Hà Nội, born 2000–2099). */
export function bornOn(dob: string): Pick<Child, "dob" | "pid"> {
  return { dob, pid: `0012${dob.slice(2, 4)}012345` };
}

/** Guardians keyed by id, as the records document holds them. */
export function guardiansOf(...guardians: Guardian[]): Record<string, Guardian> {
  return Object.fromEntries(guardians.map((g) => [g.id, g]));
}

/** The context of the clean record: its mother in the roster, judged on `AS_OF`. */
export function aContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return { guardians: guardiansOf(aMother()), asOf: AS_OF, ...overrides };
}
