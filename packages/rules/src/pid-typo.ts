// A 12-digit ID number typed with a slip: one or two digits wrong, or two neighbours
// swapped. Siblings' numbers share their first six digits (place, century, year) and
// twins' often differ in one random digit, so closeness alone never makes two children
// one: it only stops the numbers from proving them different when everything else agrees.
import { normalizePid } from "./pid";

const PID_12 = /^\d{12}$/;
const MAX_WRONG_DIGITS = 2;

/** Whether two 12-digit ID numbers differ, but by at most two digits (a swap of two
 * neighbours is two). False for equal numbers and for anything that is not 12 digits. */
export function pidsNearlyEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizePid(a ?? "");
  const y = normalizePid(b ?? "");
  if (!PID_12.test(x) || !PID_12.test(y) || x === y) return false;
  let wrong = 0;
  for (let i = 0; i < 12; i++) if (x[i] !== y[i] && ++wrong > MAX_WRONG_DIGITS) return false;
  return true;
}
