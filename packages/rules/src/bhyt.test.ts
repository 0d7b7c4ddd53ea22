import { describe, expect, it } from "vitest";
import {
  BHYT_BENEFICIARY_CODES,
  bhytPersonKey,
  checkBhyt,
  findBhytBeneficiary,
  isBhytBeneficiaryCode,
  normalizeBhyt,
  parseBhyt,
} from "./bhyt";

// The list DOMAIN.md quotes from the seed, in its order.
const SEED_CODES =
  "DN HX CH NN TK HC XK HT TB NO CT XB TN CS QN CA CY XN MS CC CK CB KC HD TE BT HN DT DK XD TS TC TQ TA TY HG LS PV CN HS SV GB GD";

describe("beneficiary codes", () => {
  it("are exactly the 43 codes of the seed", () => {
    expect(BHYT_BENEFICIARY_CODES.map((c) => c.code).join(" ")).toBe(SEED_CODES);
  });

  it.each([
    ["HS", true],
    ["TE", true],
    ["CA", true],
    ["QN", true],
    ["XX", false],
    ["hs", false],
    ["__proto__", false],
    ["constructor", false],
  ])("%s is a code: %s", (code, expected) => {
    expect(isBhytBeneficiaryCode(code)).toBe(expected);
  });

  it("knows what a code means", () => {
    expect(findBhytBeneficiary("TE")).toEqual({ code: "TE", benefitLevel: 1, meaning: "Trẻ em dưới 6 tuổi" });
    expect(findBhytBeneficiary("HS")).toMatchObject({ benefitLevel: 4 });
  });
});

describe("normalizeBhyt", () => {
  it.each([
    ["HS4797925231234", "HS4797925231234"],
    [" hs4797925231234 ", "HS4797925231234"],
    ["HS 4 79 792 523 1234", "HS4797925231234"],
    ["HS-4-79-7925231234", "HS4797925231234"],
    ["hs.4.79.7925231234", "HS4797925231234"],
    ["79\u00a012345678", "7912345678"],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeBhyt(raw)).toBe(expected);
  });
});

describe("parseBhyt", () => {
  it.each([
    ["7912345678", { kind: "ssn10", ssn: "7912345678" }],
    [
      "HS4797925231234",
      { kind: "card15", prefix: "HS", benefitLevel: 4, issuer: "79", issuerKind: "vss", ssn: "7925231234" },
    ],
    [
      "TE1010123456789",
      { kind: "card15", prefix: "TE", benefitLevel: 1, issuer: "01", issuerKind: "vss", ssn: "0123456789" },
    ],
    [
      "CA5981234567890",
      { kind: "card15", prefix: "CA", benefitLevel: 5, issuer: "98", issuerKind: "police", ssn: "1234567890" },
    ],
    [
      "QN5971234567890",
      { kind: "card15", prefix: "QN", benefitLevel: 5, issuer: "97", issuerKind: "defence", ssn: "1234567890" },
    ],
    [
      "hs 479 792 523 1234",
      { kind: "card15", prefix: "HS", benefitLevel: 4, issuer: "79", issuerKind: "vss", ssn: "7925231234" },
    ],
    // Shape only: the parts are judged by checkBhyt.
    [
      "XX9001234567890",
      { kind: "card15", prefix: "XX", benefitLevel: 9, issuer: "00", issuerKind: "vss", ssn: "1234567890" },
    ],
  ])("%s", (no, expected) => {
    expect(parseBhyt(no)).toEqual(expected);
  });

  it.each(["", "791234567", "79123456789", "HS479123456789", "HS47912345678901", "H54791234567890", "ĐS4791234567890"])(
    "is null for %j",
    (no) => {
      expect(parseBhyt(no)).toBeNull();
    },
  );
});

describe("checkBhyt", () => {
  it.each<[string, string | null | undefined, string[]]>([
    ["a pupil's card in HCMC", "HS4797925231234", []],
    ["a child under 6", "TE1010123456789", []],
    ["a police officer's card", "CA5981234567890", []],
    ["a soldier's card", "QN5971234567890", []],
    ["issuer 99 (VSS)", "HS4991234567890", []],
    ["the 10-digit number", "7912345678", []],
    ["lower case with spaces", "hs 4 79 7925231234", []],
    ["hyphens and dots", "HS-4-79.792.523.1234", []],
    ["empty (the card is optional)", "", []],
    ["whitespace", "  ", []],
    ["null", null, []],
    ["undefined", undefined, []],
    ["an unknown prefix", "XX4791234567890", ["bhyt.prefix"]],
    ["benefit level 6", "HS6791234567890", ["bhyt.benefit_level"]],
    ["benefit level 0", "HS0791234567890", ["bhyt.benefit_level"]],
    ["issuer 00", "HS4001234567890", ["bhyt.issuer"]],
    ["all three parts wrong", "XX0001234567890", ["bhyt.prefix", "bhyt.benefit_level", "bhyt.issuer"]],
    ["14 characters", "HS479123456789", ["bhyt.format"]],
    ["16 characters", "HS47912345678901", ["bhyt.format"]],
    ["9 digits", "791234567", ["bhyt.format"]],
    ["11 digits", "79123456789", ["bhyt.format"]],
    ["12 digits (a personal ID number typed here)", "001215012345", ["bhyt.format"]],
    ["15 digits", "124791234567890", ["bhyt.format"]],
    ["a digit in the prefix", "H54791234567890", ["bhyt.format"]],
    ["a letter in the number", "HS479123456789O", ["bhyt.format"]],
    ["a Vietnamese letter", "ĐS4791234567890", ["bhyt.format"]],
    ["10 characters with a letter", "791234567O", ["bhyt.format"]],
  ])("%s (%j)", (_label, no, expected) => {
    expect(checkBhyt(no).map((f) => f.code)).toEqual(expected);
  });

  it("builds complete findings on the bhyt field, or the one given", () => {
    expect(checkBhyt("HS6791234567890")).toEqual([
      {
        code: "bhyt.benefit_level",
        field: "bhyt",
        severity: "error",
        message: {
          vi: "Mức hưởng (ký tự thứ 3) của thẻ BHYT phải từ 1 đến 5",
          en: "The benefit level (3rd character) must be 1 to 5",
        },
      },
    ]);
    expect(checkBhyt("HS479123456789", { field: "children.bhyt" })[0]).toMatchObject({ field: "children.bhyt" });
  });
});

describe("bhytPersonKey", () => {
  it.each<[string | null | undefined, string | null]>([
    ["HS4797925231234", "7925231234"],
    ["hs 479 792 523 1234", "7925231234"],
    ["7925231234", "7925231234"],
    ["TE1010123456789", "0123456789"],
    ["XX9001234567890", "1234567890"],
    ["HS479123456789", null],
    ["", null],
    [null, null],
    [undefined, null],
  ])("%j → %j", (no, key) => {
    expect(bhytPersonKey(no)).toBe(key);
  });

  it("matches the old card of a child with the new 10-digit number and a later card", () => {
    const key = bhytPersonKey("TE1790123456789");
    expect(bhytPersonKey("0123456789")).toBe(key);
    expect(bhytPersonKey("HS4790123456789")).toBe(key);
    expect(bhytPersonKey("HS4790123456780")).not.toBe(key);
  });
});
