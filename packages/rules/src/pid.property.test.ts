import { describe, expect, it } from "vitest";
import { checkPid, isCountryCode, isProvinceCode } from "./pid";

// `checkPid` reads digits 1–3 as a number into a table built from the province and
// country codes; for every one of the 1000 it must agree with the code lookups.
describe("checkPid and the places of birth registration", () => {
  it("flags exactly the codes that are neither a province nor a country", () => {
    for (let place = 0; place < 1000; place++) {
      const code = String(place).padStart(3, "0");
      const flagged = checkPid(`${code}215012345`).some((f) => f.code === "pid.province");
      if (flagged === (isProvinceCode(code) || isCountryCode(code))) expect.fail(`place ${code}`);
    }
    expect(isProvinceCode("079") && isCountryCode("101") && !isProvinceCode("000")).toBe(true);
  });
});
