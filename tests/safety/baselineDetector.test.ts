import { describe, expect, it } from "vitest";
import { detectBaselineRisk } from "../../src/safety/baselineDetector.ts";

// The floor the service never runs below until the layered detector of the [safety] work replaces it.
const table: Array<[string, string, string | undefined]> = [
  ["今天作业好多", "none", undefined],
  ["我想自杀", "high", "suicide"],
  ["我 想 自 杀", "high", "suicide"],
  ["自*杀", "high", "suicide"],
  ["活着好累，真的不想活了", "high", "suicide"],
  ["ｉ ｗａｎｔ ｔｏ ｄｉｅ", "high", "suicide"],
  ["I want to kill myself", "high", "suicide"],
  ["kms", "high", "suicide"],
  ["我又割腕了", "high", "self-harm"],
  ["我买好安眠药了，今晚就自杀", "imminent", "suicide"],
  ["tonight I will end my life", "imminent", "suicide"],
  ["我爸喝醉了就打我", "medium", "abuse"],
  ["他们一直欺负我", "medium", "bullying"],
  ["考试前焦虑到失眠", "low", "distress"],
];

describe("the baseline crisis detector", () => {
  it.each(table)("%j → %s", (text, level, category) => {
    const result = detectBaselineRisk(text);
    expect(result.level).toBe(level);
    expect(result.category).toBe(category);
    if (level !== "none") expect(result.reasons.length).toBeGreaterThan(0);
  });

  it("lowers a negated statement one level but never drops it", () => {
    const result = detectBaselineRisk("放心，我不会自杀的");
    expect(result.level).toBe("medium");
    expect(result.reasons.map((r) => r.rule)).toEqual(["suicide.zh", "context.negation"]);
  });

  it("says which rule fired on which span", () => {
    const result = detectBaselineRisk("其实我想死");
    expect(result.reasons[0]).toEqual({ rule: "suicide.zh", span: [3, 5] });
  });
});
