import { checkName, familyName, isNormalizedName } from "@roster/rules";
import type { Gender } from "@roster/schema";
import { describe, expect, it } from "vitest";
import { kinhStyle } from "./kinh-names";
import { MINORITY_STYLES } from "./minority-names";
import { createRandom } from "./random";

const GENDERS: readonly Gender[] = ["male", "female"];

function draw(style: ReturnType<typeof kinhStyle>, n: number, seed = 1): { name: string; gender: Gender; family: string }[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const gender = GENDERS[i % 2] as Gender;
    const family = style.familyName(rng, gender);
    return { name: style.fullName(rng, gender, family), gender, family };
  });
}

const STYLES = [
  ["Kinh (north)", kinhStyle("north")],
  ["Kinh (south)", kinhStyle("south")],
  ...Object.entries(MINORITY_STYLES).map(([code, style]) => [`ethnic code ${code}`, style] as const),
] as const;

describe("naming styles", () => {
  it.each(STYLES)("%s: names are NFC, in stored form and valid for the rules", (_, style) => {
    for (const { name } of draw(style, 600)) {
      expect(name.normalize("NFC")).toBe(name);
      expect(isNormalizedName(name)).toBe(true);
      expect(checkName(name)).toEqual([]);
      expect(name.split(" ").length).toBeGreaterThanOrEqual(2);
    }
  });

  it("gives Nguyễn to about 38% of Kinh families, then Trần and Lê", () => {
    const families = draw(kinhStyle("north"), 10_000).map((d) => d.family);
    const share = (n: string) => families.filter((f) => f === n).length / families.length;
    expect(share("Nguyễn")).toBeGreaterThan(0.35);
    expect(share("Nguyễn")).toBeLessThan(0.41);
    expect(share("Trần")).toBeGreaterThan(share("Lê"));
    expect(share("Lê")).toBeGreaterThan(share("Phạm"));
  });

  it("spells Hoàng/Vũ in the North and Huỳnh/Võ in the South", () => {
    const count = (region: "north" | "south", n: string) =>
      draw(kinhStyle(region), 10_000).filter((d) => d.family === n).length;
    expect(count("north", "Hoàng")).toBeGreaterThan(5 * count("north", "Huỳnh"));
    expect(count("south", "Huỳnh")).toBeGreaterThan(5 * count("south", "Hoàng"));
    expect(count("south", "Võ")).toBeGreaterThan(5 * count("south", "Vũ"));
  });

  it("uses Thị for many Kinh girls and Văn for many boys, and sometimes two middle names", () => {
    const names = draw(kinhStyle("north"), 4_000);
    const girls = names.filter((n) => n.gender === "female");
    const boys = names.filter((n) => n.gender === "male");
    expect(girls.filter((n) => n.name.includes(" Thị ")).length / girls.length).toBeGreaterThan(0.2);
    expect(boys.filter((n) => n.name.includes(" Văn ")).length / boys.length).toBeGreaterThan(0.15);
    expect(boys.some((n) => n.name.includes(" Thị "))).toBe(false);
    expect(names.some((n) => n.name.split(" ").length === 4)).toBe(true);
    expect(names.some((n) => n.name.split(" ").length === 2)).toBe(true);
  });

  it.each([
    ["12", /^(H'\S+|Y \S+) /, "Ê-đê: H' for women, Y for men, the clan last"],
    ["08", /^\S+ (A|Văn|Thị) \S+$|^\S+ \S+$/, "HMông: Giàng A Sùng, Vàng Thị Mỷ"],
    ["03", /^(Lò|Lường|Quàng|Cầm|Tòng|Vì|Lù|Hà|Điêu|Sầm) /, "Thái family names"],
  ])("ethnic code %s follows its pattern (%s)", (code, pattern) => {
    const style = MINORITY_STYLES[code];
    if (!style) throw new Error(`no style for ${code}`);
    for (const { name } of draw(style, 200)) expect(name).toMatch(pattern);
  });

  it("puts the Ê-đê clan name last and the Gia-rai one first", () => {
    const ede = MINORITY_STYLES["12"];
    const jarai = MINORITY_STYLES["10"];
    if (!ede || !jarai) throw new Error("missing styles");
    for (const { name, family } of draw(ede, 100)) expect(name.endsWith(` ${family}`)).toBe(true);
    for (const { name, family } of draw(jarai, 100)) expect(name.startsWith(`${family} `)).toBe(true);
    expect(ede.matrilineal && jarai.matrilineal).toBe(true);
    expect(familyName("Nguyễn Văn An")).toBe("Nguyễn");
  });
});
