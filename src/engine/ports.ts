/**
 * The ports the engine talks to. The engine knows nothing of Prisma, HTTP or any chat platform:
 * store/ implements the store ports, channels/ implement ChannelPort, main.ts wires them.
 */
import type { ChannelAddress, ChannelName } from "../domain/channel.ts";
import type { ConversationMode, ConversationState } from "../domain/conversation.ts";
import type { ChatKey, Pseudonym } from "../domain/ids.ts";
import type { Locale } from "../domain/locale.ts";
import type { Choice, Reply, StoredMessage } from "../domain/message.ts";
import type { RiskAssessment, RiskLevel } from "../domain/risk.ts";

// ---- channels -------------------------------------------------------------------------------

/** What a channel adapter does for the engine: deliver one stored outbound message. */
export interface ChannelPort {
  readonly name: ChannelName;
  send(delivery: Delivery): Promise<SendResult>;
}

export type Delivery = { address: ChannelAddress; message: StoredMessage };

export type SendResult =
  | { kind: "sent" }
  /** Temporary failure (network, rate limit): try again later. */
  | { kind: "retry"; error: string; retryAfterSeconds?: number }
  /** Permanent failure (the student blocked the bot, the chat is gone): stop trying. */
  | { kind: "undeliverable"; error: string };

// ---- identity ---------------------------------------------------------------------------------

export type School = { id: string; code: string; name: string };

export interface SchoolStore {
  findByCode(code: string): Promise<School | undefined>;
  getDefault(): Promise<School>;
}

export type Student = { id: string; alias: string; schoolId: string };

export interface StudentStore {
  /** Finds the student with this pseudonym, creating them (with a fresh alias) on first contact. */
  resolve(input: { pseudonym: Pseudonym; channel: ChannelName; schoolId: string }): Promise<Student>;
}

/** Keyed hashing and sealing; the engine never sees the keys. */
export interface PrivacyPort {
  pseudonymFor(channel: ChannelName, platformUserId: string): Pseudonym;
  chatKeyFor(channel: ChannelName, platformChatId: string): ChatKey;
}

// ---- conversations and messages ----------------------------------------------------------

export type Conversation = {
  id: string;
  studentId: string;
  schoolId: string;
  channel: ChannelName;
  chatKey: ChatKey;
  mode: ConversationMode;
  riskLevel: RiskLevel;
  state: ConversationState;
};

export type InboundRecord = {
  id: string;
  conversationId: string;
  text: string;
  choiceId: string | undefined;
  locale: string | undefined;
  risk: RiskAssessment | undefined;
  safetyChecked: boolean;
  answered: boolean;
  createdAt: Date;
};

export type RecordInboundInput = {
  conversationId: string;
  channel: ChannelName;
  chatKey: ChatKey;
  channelMessageId: string;
  text: string;
  choiceId?: string;
  locale?: Locale;
};

export type RecordInboundResult =
  | { kind: "new"; message: StoredMessage }
  | { kind: "duplicate"; message: StoredMessage; answered: boolean };

export type EscalationRequest = {
  level: RiskLevel;
  category?: string;
  reason: "detector" | "flow" | "student_request";
  details?: unknown;
};

/** Everything one step decided, committed atomically: either all of it is stored or none. */
export type TurnCommit = {
  messageId: string;
  conversationId: string;
  /** "safety" marks the crisis check done; "answer" marks the message answered. */
  phase: "safety" | "answer";
  risk?: RiskAssessment;
  state?: ConversationState;
  mode?: ConversationMode;
  replies: Reply[];
  escalation?: EscalationRequest;
};

export interface ConversationStore {
  /** The student's open conversation on this chat, or a new one. The address is stored sealed. */
  findOrOpen(input: {
    studentId: string;
    schoolId: string;
    channel: ChannelName;
    chatKey: ChatKey;
    address: ChannelAddress;
  }): Promise<Conversation>;
  get(conversationId: string): Promise<Conversation>;
  recordInbound(input: RecordInboundInput): Promise<RecordInboundResult>;
  getInbound(messageId: string): Promise<InboundRecord | undefined>;
  /** Latest messages of the conversation, oldest first. */
  history(conversationId: string, limit: number): Promise<StoredMessage[]>;
  /** The choices offered with the latest bot message, to label a button press. */
  latestChoices(conversationId: string): Promise<Choice[]>;
  /** Inbound messages stored before `storedBefore` but never answered (a crash in between), oldest first. */
  listUnanswered(limit: number, storedBefore: Date): Promise<Array<{ id: string; conversationId: string }>>;
  /** Stores the turn and its replies (with their outbox rows) in one transaction; returns the stored replies. */
  commitTurn(commit: TurnCommit): Promise<StoredMessage[]>;
}

// ---- outbox -----------------------------------------------------------------------------------

export type OutboxEntry = {
  id: string;
  channel: ChannelName;
  conversationId: string;
  attempts: number;
  /** Undefined when the stored address cannot be opened (a damaged row or a changed key): never deliverable. */
  address: ChannelAddress | undefined;
  message: StoredMessage;
};

export interface OutboxStore {
  /** Pending entries due at `now`, oldest first. */
  listDue(now: Date, limit: number): Promise<OutboxEntry[]>;
  markDelivered(id: string, at: Date): Promise<void>;
  markRetry(id: string, input: { error: string; nextAttemptAt: Date }): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}

// ---- safety -------------------------------------------------------------------------------------

/** Risk detection. Runs on every inbound message before anything answers it. */
export interface RiskDetector {
  detect(input: { text: string; history: StoredMessage[] }): RiskAssessment | Promise<RiskAssessment>;
}

// ---- time -----------------------------------------------------------------------------------------

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };


// ---- logging ----------------------------------------------------------------------------------------

/** The few logger methods the core uses; pino's logger fits. Log ids, counts and outcomes, never message text. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}
