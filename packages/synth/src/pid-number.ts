import type { Gender } from "@roster/schema";
import { yearOf } from "./calendar";
import type { Random } from "./random";

/**
 * Digit 4 of a personal ID number: the century of birth and the sex
 * (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s …).
 */
export function centuryGenderDigit(birthYear: number, gender: Gender): string {
  const century = Math.floor(birthYear / 100) - 19;
  return String(century * 2 + (gender === "female" ? 1 : 0));
}

/**
 * A valid 12-digit personal ID number not yet in `used` (which it joins): the province
 * code of birth registration, digit 4 for century and sex, the year's last two digits and
 * six random digits. Real numbers are unique; random ones would collide now and then at
 * the scale of a city and show up as false `duplicate.pid` findings.
 */
export function makePid(
  rng: Random,
  used: Set<string>,
  person: { province: string; dob: string; gender: Gender },
): string {
  const year = yearOf(person.dob);
  const head = person.province + centuryGenderDigit(year, person.gender) + String(year % 100).padStart(2, "0");
  for (;;) {
    const pid = head + rng.digits(6);
    if (!used.has(pid)) {
      used.add(pid);
      return pid;
    }
  }
}
