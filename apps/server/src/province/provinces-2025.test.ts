import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CSV_FILE, OUT_FILE, renderProvinces } from "../../scripts/generate-provinces";
import { PROVINCES_2025 } from "./provinces-2025";

describe("provinces of the 2025 list", () => {
  it("are generated from the CSV as it is now", () => {
    expect(readFileSync(OUT_FILE, "utf8")).toBe(renderProvinces(readFileSync(CSV_FILE, "utf8")));
  });

  it("name each of the 34 provinces with its communes", () => {
    expect(Object.keys(PROVINCES_2025)).toHaveLength(34);
    expect(PROVINCES_2025["01"]?.name).toBe("Thành phố Hà Nội");
    expect(PROVINCES_2025["01"]?.communes).toContain("00097");
    expect(PROVINCES_2025["75"]?.communes).toContain("25252");
    expect(Object.values(PROVINCES_2025).reduce((n, p) => n + p.communes.length, 0)).toBe(3321);
  });
});
