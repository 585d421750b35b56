import { z } from "zod";

/** Ordered from least to most urgent; src/safety/README.md defines each. */
export const riskLevels = ["none", "low", "medium", "high", "imminent"] as const;
export const riskLevelSchema = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return riskLevels.indexOf(a) - riskLevels.indexOf(b);
}

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return compareRisk(a, b) >= 0 ? a : b;
}

/** Levels at which the bot stops and a human social worker takes the conversation. */
export function needsHuman(level: RiskLevel): boolean {
  return compareRisk(level, "high") >= 0;
}

export const riskReasonSchema = z.object({
  rule: z.string(),
  /** [start, end) in the normalised text; lets a worker see what fired without the detector re-running. */
  span: z.tuple([z.number().int(), z.number().int()]).optional(),
  note: z.string().optional(),
});

export const riskAssessmentSchema = z.object({
  level: riskLevelSchema,
  category: z.string().optional(),
  reasons: z.array(riskReasonSchema),
});
export type RiskAssessment = z.infer<typeof riskAssessmentSchema>;

export const noRisk: RiskAssessment = { level: "none", reasons: [] };
