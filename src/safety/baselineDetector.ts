import type { RiskAssessment, RiskLevel } from "../domain/risk.ts";
import type { RiskDetector } from "../engine/ports.ts";

/**
 * The baseline crisis detector: a short, conservative phrase list in zh-CN and en with a little context
 * (time and means words raise, negation lowers by one level but never drops a signal).
 * It is the floor the service never runs below; the [safety] work replaces it with the layered detector
 * (normalisation of disguises, lexicon as data, history, statistics) behind the same RiskDetector port.
 */
export function createBaselineDetector(): RiskDetector {
  return { detect: ({ text }) => detectBaselineRisk(text) };
}

type Rule = { id: string; level: RiskLevel; category: string; pattern: RegExp };

const rules: Rule[] = [
  { id: "suicide.zh", level: "high", category: "suicide", pattern: /自杀|自殺|想死|不想活|活不下去|结束(自己的)?生命|轻生|去死|紫砂|自鲨|了结自己/ },
  { id: "suicide.en", level: "high", category: "suicide", pattern: /kill myself|suicid|end my life|want to die|wanna die|\bkms\b|unalive|sewerslide|end it all/ },
  { id: "selfharm.zh", level: "high", category: "self-harm", pattern: /自残|自殘|割腕|伤害自己|划自己|割自己|弄伤自己/ },
  { id: "selfharm.en", level: "high", category: "self-harm", pattern: /self[- ]?harm|cut(ting)? myself|hurt(ing)? myself/ },
  { id: "abuse.zh", level: "medium", category: "abuse", pattern: /家暴|虐待|性侵|被(他|她|他们|爸|妈|爸爸|妈妈|父亲|母亲|家里人)?打|打我(?!电话|手机)|揍我/ },
  { id: "abuse.en", level: "medium", category: "abuse", pattern: /abus(e|ed|ing) me|beats? me|hits? me|molest/ },
  { id: "bullying.zh", level: "medium", category: "bullying", pattern: /霸凌|欺负我|被欺负|孤立我/ },
  { id: "bullying.en", level: "medium", category: "bullying", pattern: /bull(y|ied|ying)/ },
  { id: "distress.zh", level: "low", category: "distress", pattern: /崩溃|绝望|好累|撑不住|难受|焦虑|失眠|没有希望/ },
  { id: "distress.en", level: "low", category: "distress", pattern: /hopeless|can'?t cope|exhausted|anxious|can'?t sleep/ },
];

const urgency = /今晚|今天晚上|现在|马上|已经|准备好|遗书|药都买|跳下去|天台|楼顶|安眠药|tonight|right now|already|goodbye forever|pills|suicide note/;
const negation = /不会|不想(自杀|死)|没有想|从来没|才不|i would never|i won'?t|not going to|never (would|will)/;

const levels: RiskLevel[] = ["none", "low", "medium", "high", "imminent"];

export function detectBaselineRisk(input: string): RiskAssessment {
  // NFKC folds full-width forms; spaces and common fillers between characters are dropped ("自 杀", "自*杀").
  const text = input.normalize("NFKC").toLowerCase();
  const squeezed = text.replace(/[\s*._\-·•~]+/g, "");
  const reasons: RiskAssessment["reasons"] = [];
  let level: RiskLevel = "none";
  let category: string | undefined;
  for (const rule of rules) {
    const match = rule.pattern.exec(text) ?? rule.pattern.exec(squeezed);
    if (!match) continue;
    reasons.push({ rule: rule.id, span: [match.index, match.index + match[0].length] });
    if (levels.indexOf(rule.level) > levels.indexOf(level)) {
      level = rule.level;
      category = rule.category;
    }
  }
  if (level === "high" && (urgency.test(text) || urgency.test(squeezed))) {
    level = "imminent";
    reasons.push({ rule: "context.urgency", note: "a time, means or farewell word next to suicidal or self-harm words" });
  }
  if (levels.indexOf(level) >= levels.indexOf("medium") && negation.test(text)) {
    level = levels[Math.max(levels.indexOf("low"), levels.indexOf(level) - 1)]!;
    reasons.push({ rule: "context.negation", note: "negated; lowered one level, not dropped" });
  }
  return category === undefined ? { level, reasons } : { level, category, reasons };
}
