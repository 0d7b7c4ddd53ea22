import type { ChildFields, GuardianFields } from "@roster/schema";
import { cli } from "./server";

export const COMMUNE = "26734";
export const OTHER_COMMUNE = "26735";
export const ROSTER = "thon-dong";
export const PASSWORD = "Matkhau-2026!";

/** Accounts of the test commune, one per role the scenarios need. */
export const USERS = {
  admin: "admin.xa",
  hamlet: "truongthon.dong",
  school: "gv.kimdong",
  police: "ca.xa",
  viewer: "xem.xa",
  stranger: "ca.xakhac",
} as const;

/** Creates the communes, the roster and the accounts with the operator CLI. */
export async function setUpCommune(dataDir: string): Promise<void> {
  await cli(dataDir, "commune", "add", "--code", COMMUNE, "--name", "Xã Chiềng Sinh");
  await cli(dataDir, "commune", "add", "--code", OTHER_COMMUNE, "--name", "Xã Chiềng Ngần");
  await cli(dataDir, "roster", "add", "--commune", COMMUNE, "--id", ROSTER, "--name", "Thôn Đông");
  const add = (username: string, role: string, commune = COMMUNE, ...extra: string[]) =>
    cli(dataDir, "user", "add", "--commune", commune, "--username", username, "--password", PASSWORD, "--role", role, ...extra);
  await add(USERS.admin, "admin");
  await add(USERS.hamlet, "hamlet", COMMUNE, "--roster", ROSTER);
  await add(USERS.school, "school");
  await add(USERS.police, "police");
  await add(USERS.viewer, "viewer");
  await add(USERS.stranger, "police", OTHER_COMMUNE);
}

/** A mother whose record passes every check (level-2 VNeID, valid ID number). */
export const MOTHER: GuardianFields = {
  fullName: "Trần Thị Hoa",
  gender: "female",
  dob: "1988-04-12",
  pid: "001188004512",
  vneid: "level2",
};

/** A child with nothing to fix once linked to MOTHER as representative. */
export function cleanChild(motherId: string): ChildFields {
  return {
    fullName: "Nguyễn Văn An",
    dob: "2015-03-02",
    gender: "male",
    ethnicity: "01",
    pid: "001215000123",
    birthRegisteredOn: "2015-03-10",
    residenceType: "permanent",
    residenceRegisteredOn: "2015-04-01",
    school: "TH Kim Đồng",
    grade: "5A",
    motherId,
    representative: "mother",
  };
}

/** A child with problems to fix in the field: no date of birth, no ID number. */
export const CHILD_TO_FIX: ChildFields = {
  fullName: "Lò Thị Mai",
  gender: "female",
  ethnicity: "03",
  school: "THCS Chiềng Sinh",
  grade: "6A",
  residenceType: "permanent",
};
