import type { Locale } from "../domain/locale.ts";
import type { Reply } from "../domain/message.ts";

/**
 * What a student sees at once when a message shows risk: that they are heard, that a person is coming,
 * and where to get help right now. It never depends on a flow file, the LLM or the network.
 */
export function buildSafeReply(locale: Locale): Reply {
  return { text: locale === "en" ? en : zh };
}

/** Shown when a student is waiting for a social worker and writes again. */
export function buildWaitingNotice(locale: Locale): Reply {
  return {
    text:
      locale === "en"
        ? "A school social worker has been told and will reply here. If you are in danger right now, call 110 or 120, or the mental health line 12356."
        : "学校社工已经收到通知，会在这里回复你。如果你现在有危险，请立刻拨打 110 或 120，或心理援助热线 12356。",
  };
}

const zh = [
  "谢谢你告诉我，你现在的感受很重要，你不是一个人。",
  "我已经通知学校社工，TA 会尽快在这里和你说话。",
  "如果你现在就有危险，请马上：",
  "· 拨打 110（报警）或 120（急救）",
  "· 拨打全国心理援助热线 12356（24 小时）",
  "· 拨打希望 24 热线 400-161-9995（24 小时）",
  "· 告诉身边一位你信任的大人，让 TA 陪着你",
  "在社工回复之前，你可以继续在这里写，我们都会看到。",
].join("\n");

const en = [
  "Thank you for telling me. What you feel matters, and you are not alone.",
  "I have told the school social worker, who will talk with you here as soon as possible.",
  "If you are in danger right now, please:",
  "· call 110 (police) or 120 (ambulance)",
  "· call the national mental health line 12356 (24 hours)",
  "· call the Hope 24 line 400-161-9995 (24 hours)",
  "· tell an adult you trust and ask them to stay with you",
  "Until the social worker replies, you can keep writing here: everything you write will be read.",
].join("\n");
