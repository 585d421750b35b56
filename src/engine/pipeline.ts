import { maxRisk, needsHuman, noRisk, type RiskAssessment } from "../domain/risk.ts";
import { defaultLocale, localeSchema, type Locale } from "../domain/locale.ts";
import type { InboundMessage, Reply } from "../domain/message.ts";
import { stepFlow, type FlowCatalog } from "../flows/interpret.ts";
import { buildSafeReply, buildWaitingNotice } from "../safety/safeReply.ts";
import { errorSummary } from "./errorSummary.ts";
import type { MessageEvents } from "./events.ts";
import { createKeyedQueue } from "./keyedQueue.ts";
import type {
  Clock,
  Conversation,
  ConversationStore,
  InboundRecord,
  Logger,
  PrivacyPort,
  RiskDetector,
  SchoolStore,
  StudentStore,
  TurnCommit,
} from "./ports.ts";

export type PipelineOptions = {
  schools: SchoolStore;
  students: StudentStore;
  conversations: ConversationStore;
  privacy: PrivacyPort;
  detector: RiskDetector;
  flows: FlowCatalog;
  events: MessageEvents;
  clock: Clock;
  log: Logger;
  /** Called after replies are committed, so delivery starts at once instead of on the next poll. */
  onRepliesCommitted: () => void;
  /** How many earlier messages the detector sees. */
  historyWindow?: number;
};

export type AcceptResult =
  | { kind: "accepted"; messageId: string; conversationId: string }
  | { kind: "duplicate"; messageId: string; conversationId: string; answered: boolean };

export type Pipeline = {
  /**
   * Stores a student's message and schedules its processing. Resolves once the message is stored:
   * from then on no crash can lose it (unanswered messages are processed again on start).
   */
  accept(inbound: InboundMessage): Promise<AcceptResult>;
  /**
   * Processes stored messages that were never answered (a crash or a failure in between); called on start,
   * then now and then with `olderThanMs` so messages still in the queue are left to it. Returns how many.
   */
  recoverUnanswered(options?: { olderThanMs?: number }): Promise<number>;
  /** Resolves when all scheduled processing has finished. */
  idle(): Promise<void>;
};

/**
 * The message pipeline: identify → persist → safety check → route → commit replies to the outbox.
 * Delivery is the outbox deliverer's job (engine/deliver.ts).
 */
export function createPipeline(options: PipelineOptions): Pipeline {
  const { conversations, clock, events } = options;
  const log = options.log.child({ module: "pipeline" });
  const queue = createKeyedQueue();
  // First contact creates a student and a conversation: two messages of one chat must not race to do it twice.
  const acceptQueue = createKeyedQueue();
  const historyWindow = options.historyWindow ?? 20;

  const schedule = (conversationId: string, messageId: string) => {
    void queue
      .run(conversationId, () => processMessage(messageId))
      .catch((error: unknown) => log.error({ conversationId, messageId, err: errorSummary(error) }, "processing failed"));
  };

  async function processMessage(messageId: string): Promise<void> {
    const inbound = await conversations.getInbound(messageId);
    if (!inbound || inbound.answered) return;
    let conversation = await conversations.get(inbound.conversationId);
    const locale = chooseLocale(inbound, conversation);
    const turnLog = log.child({ conversationId: conversation.id, messageId });

    let risk = inbound.risk ?? noRisk;
    if (!inbound.safetyChecked) {
      risk = await assessRisk(inbound, turnLog);
      await commit(conversation, decideSafety(conversation, inbound.id, risk, locale));
      conversation = await conversations.get(conversation.id);
      if (risk.level !== "none") turnLog.info({ level: risk.level, category: risk.category }, "risk detected");
    }

    if (needsHuman(risk.level) || conversation.mode !== "bot") {
      // A person has (or is being asked to take) the conversation: the bot stays silent beyond
      // the safe reply and an occasional waiting notice.
      await commit(conversation, answerWhileWithHuman(conversation, inbound, risk, locale));
      return;
    }

    let turn: TurnCommit;
    try {
      turn = route(conversation, inbound, locale);
    } catch (error) {
      // State from a step that threw is not saved; the student still gets an answer and can go on.
      turnLog.error({ err: errorSummary(error) }, "routing failed; sent the fallback reply");
      turn = { messageId: inbound.id, conversationId: conversation.id, phase: "answer", replies: [fallbackReply(locale)] };
    }
    await commit(conversation, turn);
  }

  async function assessRisk(inbound: InboundRecord, turnLog: Logger): Promise<RiskAssessment> {
    try {
      const history = await conversations.history(inbound.conversationId, historyWindow);
      return await options.detector.detect({ text: inbound.text, history: history.filter((m) => m.id !== inbound.id) });
    } catch (error) {
      turnLog.error({ err: errorSummary(error) }, "risk detector failed; message treated as no risk");
      return { level: "none", reasons: [{ rule: "detector.error", note: "the detector failed on this message" }] };
    }
  }

  function decideSafety(conversation: Conversation, messageId: string, risk: RiskAssessment, locale: Locale): TurnCommit {
    const base: TurnCommit = { messageId, conversationId: conversation.id, phase: "safety", risk, replies: [] };
    if (!needsHuman(risk.level)) return base;
    // With a social worker already in the chat, they see the flagged message; the bot does not talk over them.
    if (conversation.mode === "human") return base;
    return {
      ...base,
      mode: "waiting",
      replies: [buildSafeReply(locale)],
      escalation: { level: risk.level, ...(risk.category ? { category: risk.category } : {}), reason: "detector", details: risk.reasons },
    };
  }

  function answerWhileWithHuman(conversation: Conversation, inbound: InboundRecord, risk: RiskAssessment, locale: Locale): TurnCommit {
    const base: TurnCommit = { messageId: inbound.id, conversationId: conversation.id, phase: "answer", replies: [] };
    // The safe reply already went out for a risky message; a plain one in waiting mode gets the notice,
    // at most every few minutes so the student is not spammed.
    if (conversation.mode !== "waiting" || needsHuman(risk.level)) return base;
    const lastNotice = conversation.state.vars.waitingNoticeAt;
    const now = clock.now().getTime();
    if (typeof lastNotice === "number" && now - lastNotice < WAITING_NOTICE_INTERVAL_MS) return base;
    return {
      ...base,
      state: { ...conversation.state, vars: { ...conversation.state.vars, waitingNoticeAt: now } },
      replies: [buildWaitingNotice(locale)],
    };
  }

  function route(conversation: Conversation, inbound: InboundRecord, locale: Locale): TurnCommit {
    const input = inbound.choiceId !== undefined ? { kind: "choice" as const, choiceId: inbound.choiceId } : { kind: "text" as const, text: inbound.text };
    const step = stepFlow(options.flows, { ...conversation.state, locale }, input, locale);
    const turn: TurnCommit = { messageId: inbound.id, conversationId: conversation.id, phase: "answer", state: step.state, replies: step.replies };
    const handoff = step.effects.find((e) => e.kind === "requestHuman");
    if (handoff) {
      turn.mode = "waiting";
      turn.escalation = { level: maxRisk("low", conversation.riskLevel), reason: "student_request", details: { flowId: handoff.flowId, nodeId: handoff.nodeId } };
    }
    return turn;
  }

  async function commit(conversation: Conversation, turn: TurnCommit): Promise<void> {
    const stored = await conversations.commitTurn(turn);
    for (const message of stored) events.emit({ studentId: conversation.studentId, conversationId: conversation.id, message });
    if (stored.length > 0) options.onRepliesCommitted();
  }

  async function acceptOne(inbound: InboundMessage): Promise<AcceptResult> {
    const school = (inbound.schoolCode ? await options.schools.findByCode(inbound.schoolCode) : undefined) ?? (await options.schools.getDefault());
    const pseudonym = options.privacy.pseudonymFor(inbound.channel, inbound.platformUserId);
    const student = await options.students.resolve({ pseudonym, channel: inbound.channel, schoolId: school.id });
    const chatKey = options.privacy.chatKeyFor(inbound.channel, inbound.platformChatId);
    const conversation = await conversations.findOrOpen({
      studentId: student.id,
      schoolId: student.schoolId,
      channel: inbound.channel,
      chatKey,
      address: inbound.address,
    });
    const content = inbound.content;
    let text: string;
    if (content.kind === "text") text = content.text;
    else {
      // A button press is stored with the label the student saw, so the history reads as they wrote it.
      const offered = await conversations.latestChoices(conversation.id);
      text = offered.find((c) => c.id === content.choiceId)?.label ?? content.choiceId;
    }
    const recorded = await conversations.recordInbound({
      conversationId: conversation.id,
      channel: inbound.channel,
      chatKey,
      channelMessageId: inbound.channelMessageId,
      text,
      ...(content.kind === "choice" ? { choiceId: content.choiceId } : {}),
      ...(inbound.locale ? { locale: inbound.locale } : {}),
    });
    const messageId = recorded.message.id;
    const conversationId = recorded.message.conversationId;
    if (recorded.kind === "new") {
      events.emit({ studentId: student.id, conversationId, message: recorded.message });
      schedule(conversationId, messageId);
      return { kind: "accepted", messageId, conversationId };
    }
    // Redelivered: answer it only if the first delivery never got an answer (e.g. a crash in between).
    if (!recorded.answered) schedule(conversationId, messageId);
    log.debug({ conversationId, messageId, answered: recorded.answered }, "duplicate inbound message");
    return { kind: "duplicate", messageId, conversationId, answered: recorded.answered };
  }

  return {
    accept(inbound) {
      return acceptQueue.run(options.privacy.chatKeyFor(inbound.channel, inbound.platformChatId), () => acceptOne(inbound));
    },

    async recoverUnanswered({ olderThanMs = 0 } = {}) {
      const pending = await conversations.listUnanswered(1000, new Date(clock.now().getTime() - olderThanMs));
      for (const { id, conversationId } of pending) schedule(conversationId, id);
      if (pending.length > 0) log.warn({ count: pending.length }, "picking up messages left unanswered");
      return pending.length;
    },

    idle: () => queue.idle(),
  };
}

const WAITING_NOTICE_INTERVAL_MS = 5 * 60 * 1000;

function chooseLocale(inbound: InboundRecord, conversation: Conversation): Locale {
  const parsed = localeSchema.safeParse(inbound.locale ?? conversation.state.locale);
  return parsed.success ? parsed.data : defaultLocale;
}

function fallbackReply(locale: Locale): Reply {
  return {
    text:
      locale === "en"
        ? "Sorry, something went wrong on my side. Please write again, or type “menu”. If you are in danger, call 110 / 120 or 12356 now."
        : "抱歉，我这边出了点问题。请再发一次，或者输入“菜单”。如果你现在有危险，请立即拨打 110 / 120 或心理援助热线 12356。",
  };
}
