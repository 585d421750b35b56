import { z } from "zod";

/** zh-CN is required for every text students see; en is optional. */
export const locales = ["zh-CN", "en"] as const;
export const localeSchema = z.enum(locales);
export type Locale = z.infer<typeof localeSchema>;
export const defaultLocale: Locale = "zh-CN";
