import { describe, expect, it } from "vitest";
import { isPlaceholderText } from "./placeholder-cell";

describe("isPlaceholderText", () => {
  it.for(["Chưa có", "KHÔNG CÓ", "chưa cấp", "-", "--", "x", "không", "...", "N/A", "Chưa có CCCD"])("%s means none", (text) => {
    expect(isPlaceholderText(text)).toBe(true);
  });

  it.for(["001215012345", "0912345678", "DN4010123456789", "Kinh", ""])("%s is a value", (text) => {
    expect(isPlaceholderText(text)).toBe(false);
  });
});
