import type { Child, ChildFields, Guardian } from "@roster/schema";
import { recordsUpdate } from "../../src/seed/seed-rosters";
import type { Store } from "../../src/storage/store";
import { syncDocName } from "../../src/sync";

/** A mother born 1988 in Hà Nội (pid 001 1 88 …), level-2 VNeID: a valid representative. */
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

/**
 * A boy born 2015 in Hà Nội (pid 001 2 15 …), Kinh, residence registered in time, his
 * mother linked as representative: no error and no warning, so police may verify him.
 */
export function aCleanChild(overrides: Partial<Child> = {}): Child {
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

/** Fields of a new child as a hamlet head types them in the field: no ID number yet. */
export function aChildWithoutPid(overrides: ChildFields = {}): ChildFields {
  const { id: _id, pid: _pid, ...fields } = aCleanChild({ fullName: "Phạm Thị Hoa", dob: "2016-09-02", gender: "female", bhyt: "HS4010198765432" });
  return { ...fields, ...overrides };
}

/**
 * Children of commune B (Xã Tân Phú): every string here is distinctive, so a test can
 * search any answer given to a user of commune A for them.
 */
export const COMMUNE_B_SECRETS = {
  childName: "Thạch Thị Sa Rây",
  childPid: "094314067891",
  motherName: "Danh Thị Sô Phia",
  motherPid: "094185012777",
};

export function communeBChildren(): { children: Child[]; guardians: Guardian[] } {
  const mother = aMother({
    id: "g-b-mother",
    fullName: COMMUNE_B_SECRETS.motherName,
    pid: COMMUNE_B_SECRETS.motherPid,
    dob: "1985-01-09",
    address: "Ấp Phú Hòa 2, xã Tân Phú, Sóc Trăng",
  });
  const child = aCleanChild({
    id: "c-b-child",
    fullName: COMMUNE_B_SECRETS.childName,
    dob: "2014-05-21",
    gender: "female",
    ethnicity: "05",
    pid: COMMUNE_B_SECRETS.childPid,
    birthRegisteredOn: "2014-06-01",
    residenceRegisteredOn: "2014-06-20",
    address: "Ấp Phú Hòa 2, xã Tân Phú, Sóc Trăng",
    village: "Ấp Phú Hòa 2",
    school: "Trường Tiểu học Tân Phú",
    bhyt: "HS4940111222333",
    motherId: mother.id,
  });
  return { children: [child], guardians: [mother] };
}

/**
 * Stores a roster's records as one update, as `seed` does. Call it before anything loads
 * the roster (the server reads the document from storage on first use).
 */
export async function seedRecords(store: Store, rosterId: string, children: readonly Child[], guardians: readonly Guardian[]): Promise<void> {
  await store.appendUpdate(syncDocName("records", rosterId), recordsUpdate(children, guardians));
}

/**
 * The data the authorization matrices read: in Tổ 5 a clean child and one without an ID
 * number, in Tổ 7 a clean child, and commune B's children (whose secrets must never leak).
 */
export async function seedAuthorizationRosters(store: Store, rosters: { a5: string; a7: string; b2: string }): Promise<void> {
  await seedRecords(store, rosters.a5, [aCleanChild(), { id: "c-hoa", ...aChildWithoutPid() }], [aMother()]);
  await seedRecords(store, rosters.a7, [aCleanChild({ id: "c-binh", fullName: "Đinh Văn Bình", pid: "001215019876", bhyt: "HS4010111111111" })], [aMother()]);
  const b = communeBChildren();
  await seedRecords(store, rosters.b2, b.children, b.guardians);
}
